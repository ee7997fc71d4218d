import type { FieldIssue } from '../errors/field-issue';
import { imageResizePayloadIssues } from '../jobs/image-resize.job';

/**
 * What a payload must satisfy beyond its schema: rules across fields that
 * JSON Schema cannot state (TypeBox compares no two fields). Each check is
 * given a payload its schema accepted and returns issue paths relative to
 * the payload; the job's own file defines it.
 */
type CrossFieldCheck = (payload: never) => FieldIssue[];

const checks = new Map<string, CrossFieldCheck>([
  ['image.resize', imageResizePayloadIssues],
]);

/** The cross-field issues of a schema-valid payload of `type`; [] if none. */
export function crossFieldIssuesOf(
  type: string,
  payload: unknown,
): FieldIssue[] {
  const check = checks.get(type) as
    ((payload: unknown) => FieldIssue[]) | undefined;
  return check ? check(payload) : [];
}
