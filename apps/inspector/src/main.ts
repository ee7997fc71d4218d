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
  process.exitCode = code;
});
