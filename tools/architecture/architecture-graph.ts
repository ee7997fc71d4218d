import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm run docs:architecture [-- --check]`: draws the graphs in
 * docs/architecture.md with dependency-cruiser, under the rules of
 * .dependency-cruiser.cjs, and writes each between its
 * `<!-- graph:<name> -->` and `<!-- /graph:<name> -->` markers. With
 * `--check` it writes nothing and exits 1 naming each graph that differs
 * from the code (`npm run lint` runs it so, so the picture cannot go stale).
 */
const WORKSPACE_ROOT = resolve(__dirname, '../..');
const DOC = join(WORKSPACE_ROOT, 'docs/architecture.md');
const DEPCRUISE = join(WORKSPACE_ROOT, 'node_modules/.bin/depcruise');

/** A graph: what to cruise, what to keep, and how far to fold it up. */
interface Graph {
  name: string;
  roots: string[];
  includeOnly: string;
  collapse: string;
}

const graphs: Graph[] = [
  {
    // Projects: which app and lib stands on which (specs left out).
    name: 'projects',
    roots: ['apps', 'libs', 'tools'],
    includeOnly: '^(apps|libs|tools)/',
    collapse: '^(apps|libs)/[^/]+|^tools/(bench|chaos)|^tools',
  },
  {
    // The floors of queue-core: the wings over store/, and the doors.
    name: 'queue-core-floors',
    roots: ['libs/queue-core/src'],
    includeOnly: '^libs/queue-core/src',
    collapse: '^libs/queue-core/src/[^/]+',
  },
];

/** The mermaid text dependency-cruiser draws for `graph`. */
function draw(graph: Graph): string {
  const mermaid = execFileSync(
    DEPCRUISE,
    [
      ...graph.roots,
      '--config',
      '.dependency-cruiser.cjs',
      '--include-only',
      graph.includeOnly,
      '--exclude',
      '[.]spec[.]ts$|(^|/)testing/|(^|/)node_modules/',
      '--collapse',
      graph.collapse,
      '--output-type',
      'mermaid',
    ],
    { cwd: WORKSPACE_ROOT, encoding: 'utf-8' },
  );
  return `\`\`\`mermaid\n${mermaid.trim()}\n\`\`\``;
}

/** `doc` with the text between `graph`'s markers replaced by `body`. */
function replaceBetweenMarkers(doc: string, name: string, body: string) {
  const open = `<!-- graph:${name} -->`;
  const close = `<!-- /graph:${name} -->`;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start < 0 || end < start) {
    throw new Error(`docs/architecture.md has no ${open} ... ${close}`);
  }
  return `${doc.slice(0, start + open.length)}\n\n${body}\n\n${doc.slice(end)}`;
}

function main(check: boolean): number {
  const current = readFileSync(DOC, 'utf-8');
  let next = current;
  const stale: string[] = [];
  for (const graph of graphs) {
    const before = next;
    next = replaceBetweenMarkers(next, graph.name, draw(graph));
    if (next !== before) stale.push(graph.name);
  }
  if (!stale.length) return 0;
  if (check) {
    for (const name of stale) {
      process.stdout.write(
        `stale: docs/architecture.md graph ${name}; run npm run docs:architecture\n`,
      );
    }
    return 1;
  }
  writeFileSync(DOC, next);
  for (const name of stale) {
    process.stdout.write(`wrote: docs/architecture.md graph ${name}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.includes('--check'));
