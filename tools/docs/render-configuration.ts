import { resolve } from 'node:path';
import type { AppSchema } from './config-schemas';
import { configRows, type ConfigRow } from './configuration-table';
import { DIRECT_VARIABLES } from './direct-variables';

/** Where the reference lives, from the repository root. */
export const CONFIGURATION_DOC = 'docs/configuration.md';

/** Its absolute path, whatever the working directory. */
export const CONFIGURATION_PATH = resolve(
  __dirname,
  '../..',
  CONFIGURATION_DOC,
);

/** The command that rewrites it. */
export const REGENERATE_COMMAND = 'npm run docs:config';

const INTRO = `# Configuration

<!-- Generated from the apps' TypeBox config schemas by \`${REGENERATE_COMMAND}\`
(tools/docs/generate-configuration.ts); edit the schemas, not this file. A
spec fails while this file differs from what the command writes. -->

Every app reads its settings from the environment, or a \`.env\` file in the
working directory. Every value is checked at start-up against the app's
schema (apps/api/src/config.ts, apps/worker/src/config.ts,
apps/inspector/src/inspector-config.ts, and the shared parts they spread in);
a bad one stops the app with a message naming the variable and this
description. An empty variable counts as unset.
`;

/** `all` when every app reads it, else the apps by name. */
function appsCell(row: ConfigRow, appCount: number): string {
  return row.apps.length === appCount ? 'all' : row.apps.join(', ');
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** A long duration also in hours or minutes, as people read it. */
function readableDuration(name: string, value: unknown): string {
  if (typeof value !== 'number') return '';
  const ms = name.endsWith('_MS')
    ? value
    : name.endsWith('_S')
      ? value * 1_000
      : undefined;
  if (ms === undefined || ms < MINUTE_MS) return '';
  if (ms > DAY_MS && ms % DAY_MS === 0) return ` (${ms / DAY_MS} days)`;
  if (ms % HOUR_MS === 0) return ` (${ms / HOUR_MS} h)`;
  return ms % MINUTE_MS === 0 ? ` (${ms / MINUTE_MS} min)` : '';
}

/** The default, per app when the apps' defaults differ; – for none. */
function defaultCell(row: ConfigRow): string {
  const shown = (value: unknown) =>
    `\`${String(value)}\`${readableDuration(row.name, value)}`;
  const values = new Set(row.defaults.map(d => JSON.stringify(d.value)));
  if (row.defaults.length === 0) return '–';
  if (values.size === 1) return shown(row.defaults[0].value);
  return row.defaults.map(d => `${shown(d.value)} (${d.app})`).join(', ');
}

/**
 * A description as a table cell: the variables it names in code type,
 * `<` and `|` escaped (Markdown would take `<master>` for HTML and `|` for
 * a column), and the docs/… paths it names turned into links relative to
 * docs/. Spans already in backticks are left as written.
 */
function meaningCell(description: string, names: ReadonlySet<string>): string {
  return description
    .split(/(`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/[<|]/g, char => `\\${char}`)
            .replace(/\b[A-Z][A-Z0-9_]+\b/g, word =>
              names.has(word) ? `\`${word}\`` : word,
            )
            .replace(
              /\bdocs\/([a-z0-9-]+\.md(?:#[a-z0-9-]+)?)/g,
              (path, target: string) => `[${path}](${target})`,
            ),
    )
    .join('');
}

/**
 * docs/configuration.md as the schemas describe it. The text is already as
 * Prettier writes it (a table wider than the page stays compact), so
 * `npm run format` never makes it stale; Prettier is not called here
 * because it cannot load inside Jest.
 */
export function renderConfiguration(schemas: readonly AppSchema[]): string {
  const rows = configRows(schemas, DIRECT_VARIABLES);
  const names = new Set(rows.map(row => row.name));
  const lines = rows.map(
    row =>
      `| \`${row.name}\` | ${appsCell(row, schemas.length)} | ${defaultCell(row)} | ${meaningCell(row.description, names)} |`,
  );
  return [
    INTRO,
    `"all" is ${schemas.map(s => s.app).join(', ')}.`,
    '',
    '| variable | apps | default | meaning |',
    '|---|---|---|---|',
    ...lines,
    '',
  ].join('\n');
}
