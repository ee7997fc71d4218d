import type { TSchema } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import type { FieldIssue } from '../errors/field-issue';

/** At most this many issues are reported; the rest are noise. */
const MAX_ISSUES = 20;

/**
 * Lists what is wrong with `value`, one issue per field, each path prefixed
 * with where the value sits in the request (`/payload`).
 */
export function issuesOf(
  checker: TypeCheck<TSchema>,
  value: unknown,
  prefix = '',
): FieldIssue[] {
  const byPath = new Map<string, string>();
  for (const error of checker.Errors(value)) {
    const path = prefix + error.path || '/';
    if (!byPath.has(path)) byPath.set(path, error.message);
    if (byPath.size >= MAX_ISSUES) break;
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}
