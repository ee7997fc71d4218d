import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { affectedApps } from './affected-apps';

const workspace = resolve(__dirname, '../..');

/**
 * In a throwaway clone of this repository (its committed state, with the
 * workspace's node_modules linked in), commits a change to one file and
 * asks which apps that commit affects.
 */
describe('affectedApps', () => {
  let clone: string;

  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: clone, encoding: 'utf8' }).trim();

  /** Commits a comment appended to `file`; returns the commit range. */
  function touch(file: string): { base: string; head: string } {
    const base = git('rev-parse', 'HEAD');
    appendFileSync(join(clone, file), '\n// touched by affected-apps spec\n');
    git('commit', '-q', '-m', `touch ${file}`, '--', file);
    return { base, head: git('rev-parse', 'HEAD') };
  }

  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'errand-affected-'));
    execFileSync('git', ['clone', '-q', '--no-hardlinks', workspace, clone]);
    git('config', 'user.email', 'spec@example.com');
    git('config', 'user.name', 'affected-apps spec');
    symlinkSync(join(workspace, 'node_modules'), join(clone, 'node_modules'));
  });

  afterAll(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  describe('when libs/contracts changes', () => {
    it('affects all three apps', () => {
      const range = touch('libs/contracts/src/index.ts');

      expect(affectedApps({ ...range, cwd: clone })).toEqual([
        'api',
        'inspector',
        'worker',
      ]);
    });
  });

  describe('when only apps/inspector changes', () => {
    it('affects only the inspector', () => {
      const range = touch('apps/inspector/src/main.ts');

      expect(affectedApps({ ...range, cwd: clone })).toEqual(['inspector']);
    });
  });

  describe('when only docs change', () => {
    it('affects no app', () => {
      const range = touch('docs/performance.md');

      expect(affectedApps({ ...range, cwd: clone })).toEqual([]);
    });
  });
});
