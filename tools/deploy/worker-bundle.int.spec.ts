import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const BUNDLE = join(ROOT, 'dist/apps/worker/main.js');

/**
 * The built bundle as deployed. CI builds before it tests, so there the
 * bundle must already exist (a missing one is a broken pipeline, not a
 * reason to skip); elsewhere the spec builds it (a few seconds).
 */
function bundle(): {
  code: string;
  map: { sources: string[]; sourcesContent: string[] };
} {
  if (!existsSync(BUNDLE)) {
    if (process.env.CI)
      throw new Error(`${BUNDLE} is missing: CI builds first`);
    execFileSync(join(ROOT, 'node_modules/.bin/nx'), ['build', 'worker'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  }
  return {
    code: readFileSync(BUNDLE, 'utf8'),
    map: JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')),
  };
}

/**
 * Rule 6 of the restructure: the production worker carries no chaos-only
 * code. The chaos suite brings its `system.ledger` type through the job
 * type extension point (tools/chaos/ledger), preloaded into its own
 * processes only.
 */
describe('the production worker bundle', () => {
  const { code, map } = bundle();
  // Errand's own sources in the bundle; BullMQ's Postgres backend, bundled
  // with it, speaks of its own "migration ledger", which is not ours.
  const ours = map.sources
    .map((source, i) => ({ source, content: map.sourcesContent[i] ?? '' }))
    .filter(({ source }) => !source.includes('node_modules'));

  it('holds Errand sources (the check reads the right map)', () => {
    expect(ours.map(s => s.source)).toContainEqual(
      expect.stringMatching(/apps\/worker\/src\/main\.ts$/),
    );
  });

  it('has no source about the chaos ledger', () => {
    const mentions = ours
      .filter(({ source, content }) => /ledger/i.test(source + content))
      .map(({ source }) => source);
    expect(mentions).toEqual([]);
  });

  it('mentions neither system.ledger, LEDGER_DIR nor ERRAND_CHAOS', () => {
    expect(code).not.toMatch(/system\.ledger|LEDGER_DIR|ERRAND_CHAOS/i);
  });
});
