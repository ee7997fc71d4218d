import { loadDotEnv } from '@errand/runtime';
import { runInspector } from './cli';

loadDotEnv();
runInspector(
  process.argv.slice(2),
  {
    out: text => process.stdout.write(`${text}\n`),
    err: text => process.stderr.write(`${text}\n`),
    isTty: Boolean(process.stdout.isTTY),
  },
  process.env,
).then(code => {
  // Exit now: an ioredis client closed while reconnecting keeps a timer
  // alive for ~2 s, and a CLI must not linger. Writes to a pipe or a file
  // are synchronous on Linux, so nothing printed is lost.
  process.exit(code);
});
