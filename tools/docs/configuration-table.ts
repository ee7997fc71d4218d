import type { AppSchema } from './config-schemas';
import type { DirectVariable } from './direct-variables';

/** One row of the configuration reference: a variable and who reads it. */
export interface ConfigRow {
  name: string;
  apps: string[];
  /** Each app's default, in app order; empty when the schema has none. */
  defaults: { app: string; value: unknown }[];
  description: string;
}

/**
 * Variables that a shared schema makes every app accept, but that only some
 * apps act on: `REDIS_WAIT_REPLICAS` rides in the shared Redis settings
 * (so a bad value stops any app), yet only the API acknowledges writes.
 */
const ACTED_ON_BY: Readonly<Record<string, readonly string[]>> = {
  REDIS_WAIT_REPLICAS: ['api'],
};

/** A variable without a description cannot be documented: the build says so. */
export class UndocumentedVariableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndocumentedVariableError';
  }
}

/**
 * Merges the apps' schemas into one row per variable. A variable that
 * several apps read (from a shared schema or spelled in each) must carry
 * the same description everywhere; defaults may differ per app. `direct`
 * adds the variables read without a schema, marked as such.
 */
export function configRows(
  schemas: readonly AppSchema[],
  direct: readonly DirectVariable[] = [],
): ConfigRow[] {
  const rows = new Map<string, ConfigRow>();
  for (const { app, schema } of schemas) {
    for (const [name, property] of Object.entries(schema.properties)) {
      const description = property.description?.trim();
      if (!description) {
        throw new UndocumentedVariableError(
          `${name} (${app}) has no description in its schema.`,
        );
      }
      const row = rows.get(name) ?? {
        name,
        apps: [],
        defaults: [],
        description,
      };
      if (row.description !== description) {
        throw new UndocumentedVariableError(
          `${name} is described differently by ${row.apps.join(', ')} and ${app}; give it one description.`,
        );
      }
      if (ACTED_ON_BY[name] && !ACTED_ON_BY[name].includes(app)) continue;
      row.apps.push(app);
      if (property.default !== undefined) {
        row.defaults.push({ app, value: property.default });
      }
      rows.set(name, row);
    }
  }
  for (const variable of direct) {
    if (rows.has(variable.name)) {
      throw new UndocumentedVariableError(
        `${variable.name} is in a schema now: drop it from the direct variables.`,
      );
    }
    rows.set(variable.name, {
      name: variable.name,
      apps: variable.apps,
      defaults: [],
      description: `${variable.description} (Read where it is used, not checked at start-up.)`,
    });
  }
  return ordered([...rows.values()], schemas);
}

/**
 * Rows grouped by who reads them, widest first (every app, then shared
 * pairs, then one app's own), each group in schema order: the shared
 * settings (Redis, encryption, logging) lead, as in the schemas.
 */
function ordered(
  rows: ConfigRow[],
  schemas: readonly AppSchema[],
): ConfigRow[] {
  const rank = (app: string) => schemas.findIndex(s => s.app === app);
  const appOrder = (row: ConfigRow) =>
    [...row.apps].sort((a, b) => rank(a) - rank(b)).join(',');
  const groups = [...new Set(rows.map(appOrder))].sort((a, b) => {
    const width = (key: string) => key.split(',').length;
    return width(b) - width(a);
  });
  return groups.flatMap(group => rows.filter(row => appOrder(row) === group));
}
