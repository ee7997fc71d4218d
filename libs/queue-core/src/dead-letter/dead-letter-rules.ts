/**
 * The dead-letter queue.
 *
 * When a job goes there: its last allowed attempt failed (a handler threw,
 * asked to retry, or timed out with no retries left), or a handler
 * discarded it (a permanent failure, or a payload the worker rejects).
 * Either way its status becomes `dead`.
 *
 * What it keeps: the payload, the attempts made and allowed, the last
 * error's message and the stack of every attempt, and the timestamps.
 *
 * How long it stays: {@link DEAD_LETTER_RETENTION}, 7 days or the newest
 * 10 000 dead jobs per type, whichever is reached first.
 *
 * What fires: the worker's `errand_jobs_processed_total{outcome="dead"}`
 * counter and an error log line with the job id and error.
 *
 * How it leaves: `retryDeadJob` (API and `npx inspector retry`) puts it
 * back in its queue with the same id, its attempt counter reset.
 */

/** BullMQ `removeOnFail` for dead jobs: 7 days or 10 000 per type. */
export const DEAD_LETTER_RETENTION = {
  age: 7 * 24 * 60 * 60,
  count: 10_000,
};

/** Stacks kept per job, one per attempt, oldest first (BullMQ's order). */
export const STACK_TRACES_KEPT = 10;
