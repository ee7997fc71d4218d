import { Type } from '@sinclair/typebox';

/**
 * The public lifecycle of a job. These names are Errand's, not BullMQ's:
 * `queued` waits for a worker, `scheduled` waits for its run time,
 * `retrying` waits out a backoff after a failed attempt, `waiting` waits for
 * its children in a flow to end (docs/flows.md), `dead` has used its
 * attempts (or was discarded) and sits in the dead-letter queue.
 */
export const jobStatuses = [
  'queued',
  'scheduled',
  'running',
  'retrying',
  'waiting',
  'succeeded',
  'dead',
  'cancelled',
] as const;

/** One of {@link jobStatuses}. */
export const JobStatus = Type.Union(jobStatuses.map(s => Type.Literal(s)));
export type JobStatus = (typeof jobStatuses)[number];

/** Narrows a string (a CLI flag, a query parameter) to a job status. */
export function isJobStatus(value: string): value is JobStatus {
  return (jobStatuses as readonly string[]).includes(value);
}
