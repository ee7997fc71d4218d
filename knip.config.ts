import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnipConfig } from 'knip';

/**
 * Unused code fails lint (`npm run lint:unused`, part of `npm run lint`):
 * no unused file, dependency, export or exported type in apps, libs or
 * tools.
 *
 * What knip finds by itself: the npm workspaces and each one's `main`,
 * `bin` and `exports` (a lib's doors: `.`, `./testing`, `./bench`,
 * `./extension`); through each Nx project.json, the jest config of every
 * test target (jest.config.cjs, jest.quiet.config.cjs) and through that
 * every `*.spec.ts` and `*.int.spec.ts`; the `tsx tools/…` programs that
 * package.json scripts and .github/workflows run; the eslint, prettier
 * and dependency-cruiser configs. What it cannot see is listed below.
 */

/** The parts of an Nx project.json this file reads. */
interface NxProject {
  targets?: Record<
    string,
    {
      executor?: string;
      options?: { main?: string; additionalEntryPoints?: string[] };
    }
  >;
}

/** Reads a JSON file of the workspace, or undefined if there is none. */
function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(__dirname, path), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * The entry files of the esbuild bundles (`@nx/esbuild:esbuild` targets'
 * `main` and `additionalEntryPoints`) of the projects in `dir`, keyed by
 * workspace and relative to it, less the package.json `main` knip reads
 * anyway: knip's Nx plugin does not read these options.
 */
function bundleEntries(dir: string): Record<string, string[]> {
  const entries: Record<string, string[]> = {};
  for (const name of readdirSync(join(__dirname, dir))) {
    const workspace = `${dir}/${name}`;
    const project = readJson<NxProject>(`${workspace}/project.json`);
    const main = readJson<{ main?: string }>(`${workspace}/package.json`)?.main;
    for (const { executor, options = {} } of Object.values(
      project?.targets ?? {},
    )) {
      if (executor !== '@nx/esbuild:esbuild') continue;
      for (const path of [
        options.main,
        ...(options.additionalEntryPoints ?? []),
      ]) {
        const file = path?.slice(workspace.length + 1);
        if (file && `./${file}` !== main)
          (entries[workspace] ??= []).push(file);
      }
    }
  }
  return entries;
}

/**
 * Programs started by path (a child process, `--import`, a documented
 * `npx tsx …` command), which no import and no script names.
 */
const startedByPath: Record<string, string[]> = {
  // resize-memory.process.int.spec.ts measures a resize in its own process.
  'apps/worker': ['src/handlers/image/measure-resize.ts'],
  // network-namespaces.int.spec.ts runs a consumer inside a namespace.
  'libs/queue-core': ['src/testing/consume-in-namespace.ts'],
  tools: [
    // The bench's worker processes (bench-context.ts, layers.section.ts).
    'bench/baselines/*-worker.ts',
    // The bare enqueue service (bench-context.ts startBareService).
    'bench/baselines/bare-service.ts',
    // docs/performance.md: `npx tsx tools/bench/summarize-profile.ts`.
    'bench/summarize-profile.ts',
    // The chaos workers load it with `node --import` (chaos-stack.ts).
    'chaos/ledger/ledger-extension.ts',
    // .ci/run's closing line.
    'ci/count-tests.mjs',
    // docs/python-client.md; generated-types.spec.ts runs it to compare.
    'python-client/generate-types.ts',
  ],
};

const entries: Record<string, string[]> = { ...bundleEntries('apps') };
for (const [workspace, files] of Object.entries(startedByPath)) {
  entries[workspace] = [...(entries[workspace] ?? []), ...files];
}

const config: KnipConfig = {
  // A lib's doors are entry files, and their exports are checked too: a
  // name stays in src/index.ts only while another project imports it.
  // Test helpers go through the lib's `./testing` door instead.
  includeEntryExports: true,
  // Programs the specs and tools start that npm does not install
  // (.ci/run installs them; the specs that need one skip without it).
  ignoreBinaries: [
    'apt-get',
    'docker-compose',
    'ip',
    'mypy',
    'openssl',
    'promtool',
    'redis-cli',
    'redis-server',
  ],
  ignoreDependencies: [
    // @nx/eslint-plugin's flat/typescript config requires both without
    // declaring them (eslint.config.mjs spreads it).
    '@eslint/js',
    'typescript-eslint',
    // pdf-render.handler.spec.ts parses the PDF in a child Node process,
    // whose script (a string) requires pdf-parse.
    'pdf-parse',
  ],
  workspaces: {
    '.': {},
    'apps/*': {},
    'libs/*': {},
    // The typed client's door is its product: client apps outside this
    // repository import it (docs/http-api.md), so its names are not held
    // to this repository's imports. Its other files are checked.
    'libs/client': { includeEntryExports: false },
    ...Object.fromEntries(
      Object.entries(entries).map(([workspace, entry]) => [
        workspace,
        { entry },
      ]),
    ),
    tools: {
      entry: entries.tools,
      // bench and chaos are Nx projects of their own in this workspace.
      nx: { config: ['project.json', '*/project.json'] },
    },
  },
};

export default config;
