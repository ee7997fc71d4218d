import { affectedApps } from './affected-apps';

/**
 * `npx tsx tools/affected-apps/main.ts --base <commit> [--head <commit>]
 * [--json]`: prints the apps the range affects, one per line (or a JSON
 * array), for CI to decide which images to build and deploy.
 */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const base = option('base');
if (!base) {
  process.stderr.write(
    'usage: tsx tools/affected-apps/main.ts --base <commit> [--head <commit>] [--json]\n',
  );
  process.exit(2);
}
const apps = affectedApps({ base, head: option('head') ?? 'HEAD' });
process.stdout.write(
  process.argv.includes('--json')
    ? `${JSON.stringify(apps)}\n`
    : apps.map(app => `${app}\n`).join(''),
);
