import { isScheduledRunId } from '../schedule-id';

/**
 * Where a sealed value belongs: its job type, and the job it was sealed
 * for. Every sealed value carries this (with its field's path) as AES-GCM
 * additional data, so it opens only where it was sealed: a value copied in
 * Redis into another type, job or field is refused.
 *
 * A schedule's runs get ids only as BullMQ creates them
 * (`repeat:<scheduler id>:<run time>`), after the template was sealed, so a
 * template's values are bound to the scheduler instead, and open in any run
 * of that scheduler (and only there).
 */
export type SealScope =
  | {
      /** The job type (`email.send`). */
      type: string;
      /** The job's id: a UUID, or a scheduled run's `repeat:…` id. */
      jobId: string;
    }
  | {
      type: string;
      /** The BullMQ job scheduler id, for a scheduler's job template. */
      schedulerId: string;
    };

const RUN_PREFIX = 'repeat:';

/** The one string a scope binds to: `job:<id>` or `scheduler:<id>`. */
export function bindingOf(scope: SealScope): string {
  if ('schedulerId' in scope) return `scheduler:${scope.schedulerId}`;
  const { jobId } = scope;
  if (isScheduledRunId(jobId)) {
    const schedulerId = jobId.slice(RUN_PREFIX.length, jobId.lastIndexOf(':'));
    return `scheduler:${schedulerId}`;
  }
  return `job:${jobId}`;
}
