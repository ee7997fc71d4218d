import type { Processor } from 'bullmq';
import type { HandlerMap } from '@errand/contracts';
import { childTraceparent, traceIdOf } from '@errand/runtime';
import type { JobEnvelope } from '../store/job-envelope';
import type { JobStore } from '../store/job-store';
import { runAttempt, type AttemptOptions } from './attempt';
import {
  capProviderPause,
  DEFAULT_WORKER_LIMITS,
  passKeyGate,
  type WorkerLimits,
} from './limits/key-gate';
import type { InFlightJobs } from './in-flight-jobs';
import { settle, type Settlement } from './settle';
import { releasedHere } from '../store/limits/key-slots';

/**
 * How one job runs, from the moment BullMQ hands it over (steps 1–4 in
 * prepare-payload.ts, 1–6 in attempt.ts):
 * 0. gate     — a job with a concurrency key takes one of its key's slots,
 *               or ends `held` without running (limits/key-gate.ts);
 * 1. decode   — read the type, the envelope and its contract version;
 * 2. open     — decrypt sensitive fields, when encryption at rest is on;
 * 3. upcast   — bring an older payload up to the current version; a payload
 *               written by a newer contract than this worker knows is
 *               snoozed (no attempt used) for a worker that knows it;
 * 4. validate — check the payload against its contract again: the producer
 *               may be older, newer or foreign, and retrying a payload that
 *               breaks the contract cannot help, so it is discarded;
 * 5. resolve  — pick the type's handler from the registry;
 * 6. run      — call it under the type's timeout, with an abort signal
 *               (made only if the handler reads it: job-stop.ts); what it
 *               returned or threw, and why it was stopped, make the
 *               attempt's ending (succeeded, retrying, dead, snoozed,
 *               cancelled or released);
 * 7. settle   — settle.ts, the one place an ending becomes BullMQ's moves
 *               and a line of the job's history.
 */

/** A failed release: the slot lapses at its lease's end. */
const ignore = () => undefined;

/** What the consumer reports when an attempt ends. */
export interface SettledEvent {
  type: string;
  jobId: string;
  attempt: number;
  settlement: Settlement;
  /** From the start of this attempt to its end. */
  durationMs: number;
  /** From when the job could first run to when this attempt started. */
  waitMs: number;
  /** The W3C trace id the attempt ran under (see @errand/runtime, tracing/traceparent.ts). */
  traceId?: string;
  /** The attempt's own span, a child of {@link parentTraceparent}. */
  traceparent?: string;
  /** The span the job was enqueued under, as stored in its envelope. */
  parentTraceparent?: string;
  /** When the attempt started, in ms since the epoch. */
  startedAt?: number;
  error?: Error;
  /** A `rateLimited` ending began its type's pause (log it once). */
  pauseStarted?: boolean;
}

/** Callbacks for metrics and logs; they must not throw. */
export interface ConsumerHooks {
  /** An attempt of a job of `type` starts; `onSettled` follows it. */
  onStarted?(type: string): void;
  onSettled?(event: SettledEvent): void;
}

/** What the processor needs besides the handlers. */
export interface ProcessorOptions extends AttemptOptions {
  hooks: ConsumerHooks;
  /** The jobs running here, so that a cancellation can reach them. */
  inFlight: InFlightJobs;
  /** Where the jobs live; a cancelled one's view is kept there. */
  store: JobStore;
  /** This process's name in job histories (`host:pid`). */
  workerName: string;
  /**
   * Flow limits: per-key caps and the longest provider pause.
   * @defaultValue the catalog's limits, a 30 s lease, pauses up to an hour
   */
  limits?: WorkerLimits;
}

/** Builds the BullMQ processor that runs jobs through the steps above. */
export function createJobProcessor(
  handlers: HandlerMap,
  options: ProcessorOptions,
): Processor<JobEnvelope> {
  const { hooks, inFlight, workerName } = options;
  const limits = options.limits ?? DEFAULT_WORKER_LIMITS;
  // Two parameters: BullMQ then makes no AbortController per job (its third).
  return async (job, token) => {
    const startedAt = Date.now();
    const attempt = job.attemptsMade + 1;
    const id = job.id ?? '';
    // The attempt is a span of the trace its job was enqueued under.
    const parentTraceparent = (job.data as JobEnvelope | undefined)
      ?.traceparent;
    const traceparent = childTraceparent(parentTraceparent);
    const gate = await passKeyGate(job, token, options.store, limits);
    const stop = inFlight.start(id);
    if (!gate.held) hooks.onStarted?.(job.name);
    // Never throws: whatever the handler does is an ending.
    const ending =
      gate.held ??
      capProviderPause(
        await runAttempt(job, handlers, options, stop, traceparent, token),
        limits,
      );
    try {
      return await settle(
        job,
        token,
        ending,
        { attempt, worker: workerName, durationMs: Date.now() - startedAt },
        options.store,
      );
    } finally {
      // Whatever the ending, the key's slot goes back and wakes a held job.
      // The release is on the connection before BullMQ's move that ends the
      // job, so Redis runs it first; its answer (and the promotion of a job
      // it woke) is waited for by the consumer's close, not by each job.
      if (gate.slot) {
        const released = gate.slot.release();
        if (!releasedHere(released)) {
          inFlight.trackAfterEnd(released.done.catch(ignore));
          await released.sent;
        }
      }
      inFlight.end(id);
      hooks.onSettled?.({
        type: job.name,
        jobId: id,
        attempt,
        settlement: ending.kind,
        durationMs: Date.now() - startedAt,
        waitMs: Math.max(0, startedAt - job.timestamp - (job.delay ?? 0)),
        traceId: traceIdOf(traceparent),
        traceparent,
        parentTraceparent,
        startedAt,
        error: 'error' in ending ? ending.error : undefined,
        pauseStarted: ending.kind === 'rateLimited' && ending.started,
      });
    }
  };
}
