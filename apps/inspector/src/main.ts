import { createInterface } from 'node:readline/promises';
import { loadDotEnv } from '@errand/runtime';
import { runInspector } from './cli';

loadDotEnv();
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
runInspector(
  process.argv.slice(2),
  {
    out: text => process.stdout.write(`${text}\n`),
    err: text => process.stderr.write(`${text}\n`),
    isTty: Boolean(process.stdout.isTTY),
    ...(interactive && {
      async ask(question: string) {
        const prompt = createInterface({
          input: process.stdin,
          output: process.stderr,
        });
        try {
          return /^y(es)?$/i.test((await prompt.question(question)).trim());
        } finally {
          prompt.close();
        }
      },
    }),
    ...(process.stderr.isTTY && {
      status: (line: string) => process.stderr.write(`\r\u001b[2K${line}`),
    }),
  },
  process.env,
).then(code => {
  // Exit now: an ioredis client closed while reconnecting keeps a timer
  // alive for ~2 s, and a CLI must not linger. Writes to a pipe or a file
  // are synchronous on Linux, so nothing printed is lost.
  process.exit(code);
});
