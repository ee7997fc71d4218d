import { isJobType, jobTypes, type JobType } from '../catalog/job-catalog';
import { jobAliases, type ResolvedAlias } from '../catalog/job-aliases';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error';
import { parsePayload, parsePayloadWith } from './parse-payload';

/** A type name as a request gave it, resolved against the catalog. */
export interface ResolvedJobType {
  /** The catalog type the job is stored and run under. */
  type: JobType;
  /** The alias the request used; absent for a catalog name. */
  alias?: ResolvedAlias;
}

/**
 * The one place a requested type name becomes a catalog type: a catalog
 * name stands for itself, an alias for the type that declares it. Every
 * enqueue path (`/enqueue`, `/enqueue/batch`, the compatibility routes)
 * goes through here, so API key scopes and queue caps see the catalog type.
 */
export function resolveJobType(name: string): ResolvedJobType {
  if (isJobType(name)) return { type: name };
  const alias = jobAliases.get(name);
  if (alias) return { type: alias.type, alias };
  throw new UnknownJobTypeError(name, jobTypes);
}

/**
 * Checks a payload sent under `resolved`'s name and returns it in the
 * catalog type's shape. An alias's payload is checked in the alias's own
 * field names first (so issues name what the client sent), then renamed by
 * its adapter and checked against the type's contract like any payload.
 */
export function parseRequestedPayload(
  { type, alias }: ResolvedJobType,
  payload: unknown,
  pathPrefix = '/payload',
): unknown {
  if (!alias) return parsePayload(type, payload, pathPrefix);
  const label = `${alias.name} (alias of ${type})`;
  parsePayloadWith(alias, label, payload, pathPrefix);
  return parsePayload(type, adapt(alias, payload), pathPrefix);
}

/**
 * Applies the alias's renames to a payload that passed its alias schema,
 * each field keeping its place.
 */
function adapt(alias: ResolvedAlias, payload: unknown): unknown {
  if (Object.keys(alias.renames).length === 0) return payload;
  return Object.fromEntries(
    Object.entries(payload as Record<string, unknown>).map(([field, value]) => [
      alias.renames[field] ?? field,
      value,
    ]),
  );
}
