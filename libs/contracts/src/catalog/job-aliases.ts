import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { jobCatalog, type JobType } from './job-catalog';
import type { JobAlias, JobDefinition } from './job-definition';

/** One alias as the catalog resolves it. */
export interface ResolvedAlias {
  /** The alias itself, such as `send_email`. */
  name: string;
  /** The catalog type it stands for. */
  type: JobType;
  /** The adapter's renames, `{ aliasField: catalogField }`; may be empty. */
  renames: Readonly<Record<string, string>>;
  /**
   * The payload as the alias's clients send it: the type's own contract
   * with the renamed fields under their alias names, so that a wrong
   * payload's issues name the fields the client sent.
   */
  payload: TSchema;
}

/**
 * The type's payload contract with `renames` applied backwards (`to` shown
 * as `email`). Throws when a rename names a field the contract lacks or
 * lands on one it has: the adapter would then lose or overwrite data.
 */
function aliasPayloadOf(
  type: string,
  name: string,
  definition: JobDefinition,
  renames: Readonly<Record<string, string>>,
): TSchema {
  const entries = Object.entries(renames);
  if (entries.length === 0) return definition.payload;
  const schema = definition.payload as TObject;
  for (const [from, to] of entries) {
    if (!schema.properties?.[to] || schema.properties[from]) {
      throw new Error(
        `The alias "${name}" of ${type} renames ${from} to ${to}; ${to} must be a payload field and ${from} must not be.`,
      );
    }
  }
  // Each renamed field keeps its place, so the schema reads as the type's.
  const backwards = new Map(entries.map(([from, to]) => [to, from]));
  const properties: Record<string, TSchema> = Object.fromEntries(
    Object.entries(schema.properties).map(([field, property]) => [
      backwards.get(field) ?? field,
      property,
    ]),
  );
  return Type.Object(properties, { additionalProperties: false });
}

/**
 * Indexes every alias of `catalog` by name. Throws at load, naming the
 * alias, when one is also a type or is declared twice: a name must mean one
 * type only. (A plain Error: a mistake in the catalog, never an answer.)
 */
export function indexJobAliases(
  catalog: Readonly<Record<string, JobDefinition>>,
): ReadonlyMap<string, ResolvedAlias> {
  const index = new Map<string, ResolvedAlias>();
  for (const [type, definition] of Object.entries(catalog)) {
    const aliases: Record<string, JobAlias> = { ...definition.aliases };
    for (const [name, { renames = {} }] of Object.entries(aliases)) {
      if (Object.hasOwn(catalog, name) || index.has(name)) {
        throw new Error(`The job type alias "${name}" is not unique.`);
      }
      index.set(name, {
        name,
        type: type as JobType,
        renames,
        payload: aliasPayloadOf(type, name, definition, renames),
      });
    }
  }
  return index;
}

/** Every alias the catalog declares, by name, checked at load. */
export const jobAliases = indexJobAliases(jobCatalog);
