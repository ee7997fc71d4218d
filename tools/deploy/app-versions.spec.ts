import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/**
 * Each app is released on its own: its package.json version is the one its
 * image is labelled with, and its CHANGELOG.md says what that version is.
 */
describe.each(['api', 'worker', 'inspector'])('apps/%s', app => {
  const { version } = JSON.parse(
    readFileSync(join(root, 'apps', app, 'package.json'), 'utf8'),
  ) as { version: string };
  const changelog = readFileSync(
    join(root, 'apps', app, 'CHANGELOG.md'),
    'utf8',
  );

  it('has a semantic version', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it('has a changelog whose newest entry is that version', () => {
    const newest = /^## (\S+)/m.exec(changelog)?.[1];
    expect(newest).toBe(version);
  });
});
