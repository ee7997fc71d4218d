import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * The root files nx, tsc, jest, eslint and prettier read. Without the lock
 * file Nx knows no npm packages, and lint could not ban any.
 */
const ROOT_FILES = [
  'package.json',
  'package-lock.json',
  'nx.json',
  'tsconfig.base.json',
  'jest.preset.cjs',
  'eslint.config.mjs',
  '.prettierrc.json',
  '.prettierignore',
];

/** Never copied: installs, caches and outputs. */
const SKIPPED = new Set(['node_modules', '.nx', 'dist', 'reports', 'coverage']);

/** A throwaway copy of part of the workspace. */
export interface ScratchWorkspace {
  /** Its root folder, under the OS temp folder. */
  readonly root: string;
  /** Deletes it. */
  remove(): void;
}

/**
 * Copies the root config and `projects` (folders such as `libs/contracts`)
 * of the workspace at `from` into a temporary folder, so a generator can run
 * there without touching the real tree. Its node_modules links to the real
 * packages, except that each `@errand/*` link points at the copy: code there
 * compiles and runs against the copied, and generated, sources.
 */
export function createScratchWorkspace(
  from: string,
  projects: readonly string[],
): ScratchWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'errand-scratch-'));
  for (const file of ROOT_FILES) cpSync(join(from, file), join(root, file));
  for (const project of projects) {
    cpSync(join(from, project), join(root, project), {
      recursive: true,
      filter: source => !SKIPPED.has(basename(source)),
    });
  }

  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '@errand'), { recursive: true });
  for (const entry of readdirSync(join(from, 'node_modules'))) {
    if (entry !== '@errand') {
      symlinkSync(join(from, 'node_modules', entry), join(modules, entry));
    }
  }
  for (const project of projects) {
    const { name } = JSON.parse(
      readFileSync(join(root, project, 'package.json'), 'utf-8'),
    ) as { name: string };
    symlinkSync(join('..', '..', project), join(modules, name));
  }

  return {
    root,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
