/**
 * The dead-letter queue: BullMQ's `failed` set of each type, read and
 * replayed through this folder.
 *
 * When a job goes there: its last allowed attempt failed (a handler threw,
 * asked to retry, or timed out with no retries left), or a handler
 * discarded it (a permanent failure, or a payload the worker rejects: it
 * breaks the contract, lacks an upcaster, or does not decrypt). Either way
 * its status becomes `dead`.
 *
 * What it keeps: the payload, the attempts made and allowed, the last
 * error's message and the stack of every attempt ({@link STACK_TRACES_KEPT}),
 * the timestamps, and its timeline: every failed attempt with its worker,
 * duration and error (history/job-history.ts).
 *
 * How long it stays: {@link DEAD_LETTER_RETENTION}, 7 days or the newest
 * 10 000 dead jobs per type, whichever is reached first; configurable with
 * `RETENTION_DEAD_AGE_S` and `RETENTION_DEAD_COUNT` (producer/job-options.ts
 * writes the limits into each job as it is stored, so they apply to jobs
 * stored from then on).
 *
 * What fires: the worker's `errand_jobs_processed_total{outcome="dead"}`
 * counter and an error log line with the job id, error and stack.
 *
 * How it leaves: listed newest first by `listDeadJobs` (`GET /dead-letter`);
 * sent back to its queue by `retryDeadJob` (`POST /jobs/:id/retry`,
 * `npx inspector retry`) or `replayDeadJobs` (`POST /dead-letter/replay`:
 * by ids or a filter, with an optional payload patch checked against the
 * contract before anything moves, a dry run, and a rate in jobs/s). Either
 * way it keeps its id and history, gets its attempt counters reset, and
 * the replay is recorded on it (`replayed`, by whom, what patch); or it is
 * removed when its retention runs out.
 */

/** BullMQ `removeOnFail` for dead jobs: 7 days or 10 000 per type. */
export const DEAD_LETTER_RETENTION = {
  age: 7 * 24 * 60 * 60,
  count: 10_000,
};

/** Stacks kept per job, one per attempt, oldest first (BullMQ's order). */
export const STACK_TRACES_KEPT = 10;
