import type { JobType, PayloadOf, ResultOf } from '../catalog/job-catalog';
import type { ChildOutcome } from './child-outcome';
import type { Outcome } from './outcome';

/** What a handler knows about the job it runs, besides the payload. */
export interface JobContext {
  jobId: string;
  type: JobType;
  /** 1 on the first attempt. */
  attempt: number;
  /** Attempts allowed in all (retries + 1). */
  maxAttempts: number;
  /**
   * Aborted when the attempt times out, the job is cancelled or the worker
   * shuts down for good; `signal.reason` says which.
   */
  signal: AbortSignal;
  /**
   * Reports how far the job got (0–100, with a short message); shown in
   * `GET /jobs/:id` and its event stream. Never rejects.
   */
  reportProgress(percent: number, message?: string): Promise<void>;
  /**
   * This attempt's W3C `traceparent`: the trace of the request that
   * enqueued the job, with a span id of its own; pass it on to outbound
   * calls. A job stored without one starts a new trace.
   */
  traceparent?: string;
  /**
   * Which call of the handler this is, retries apart: 1, then one more
   * after each `waitForChildren` once those children have ended.
   */
  pass: number;
  /**
   * The job's children and how each ended (docs/flows.md): a flow node's
   * children, or the ones its handler asked for with `waitForChildren`.
   * Read from Redis on each call; none for a job without children.
   */
  children(): Promise<ChildOutcome[]>;
}

/** Runs one job type: a checked payload in, an outcome out. */
export type JobHandler<T extends JobType> = (
  payload: PayloadOf<T>,
  context: JobContext,
) => Promise<Outcome<ResultOf<T>>>;

/**
 * One handler per catalog type. Workers declare theirs with
 * `satisfies HandlerMap`, so a type without a handler fails to compile.
 */
export type HandlerMap = { [T in JobType]: JobHandler<T> };
