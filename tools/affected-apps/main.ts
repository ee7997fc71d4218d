import { parseArgs } from 'node:util';
import { affectedApps } from './affected-apps';

/**
 * `npx tsx tools/affected-apps/main.ts --base <commit> [--head <commit>]
 * [--json]`: prints the apps the range affects, one per line (or a JSON
 * array), for CI to decide which images to build and deploy. Flags are read
 * strictly: a misspelt one stops it rather than being ignored.
 */
const USAGE =
  'usage: tsx tools/affected-apps/main.ts --base <commit> [--head <commit>] [--json]\n';

function readArgs() {
  try {
    return parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        base: { type: 'string' },
        head: { type: 'string', default: 'HEAD' },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { base, head, json } = readArgs();
if (!base) {
  process.stderr.write(`--base is required.\n${USAGE}`);
  process.exit(2);
}
const apps = affectedApps({ base, head });
process.stdout.write(
  json ? `${JSON.stringify(apps)}\n` : apps.map(app => `${app}\n`).join(''),
);
