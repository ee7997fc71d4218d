import { WaitingError, type Job, type Processor } from 'bullmq';
import type {
  HandlerMap,
  JobContext,
  JobProgress,
  Outcome,
} from '@errand/contracts';
import type { CancelledStore } from '../store/cancelled-jobs';
import { JobCancelledError } from '../store/errors/job-cancelled-error';
import { recordEvent } from '../store/history/job-history';
import type { JobEnvelope } from '../store/job-envelope';
import { childTraceparent, traceIdOf } from '@errand/runtime';
import type { PayloadCipher } from '../store/security/payload-cipher';
import type { CatalogLike } from './catalog-like';
import { preparePayload } from './prepare-payload';
import { endCancelled } from './end-cancelled';
import type { InFlightJobs } from './in-flight-jobs';
import type { JobStop } from './job-stop';
import { runWithTimeout } from './run-with-timeout';
import { toError } from './to-error';
import { WorkerShutdownError } from './worker-shutdown-error';
import { settleOutcome, settlementOf, type Settlement } from './settle-outcome';

/**
 * How one job runs, from the moment BullMQ hands it over (steps 1–4 in
 * prepare-payload.ts):
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
 *               (made only if the handler reads it: job-stop.ts);
 * 7. settle   — record a failed or snoozed attempt in the job's history,
 *               then turn the outcome into BullMQ's terms
 *               (settle-outcome.ts); or, when the job was cancelled, end it
 *               `cancelled` (end-cancelled.ts); or, when the worker shuts
 *               down before the attempt ends, release the job: back to its
 *               queue, lock dropped, no attempt used.
 */

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
}

/** Callbacks for metrics and logs; they must not throw. */
export interface ConsumerHooks {
  /** An attempt of a job of `type` starts; `onSettled` follows it. */
  onStarted?(type: string): void;
  onSettled?(event: SettledEvent): void;
}

/** What the processor needs besides the handlers. */
export interface ProcessorOptions {
  catalog: CatalogLike;
  cipher?: PayloadCipher;
  hooks: ConsumerHooks;
  /** The jobs running here, so that a cancellation can reach them. */
  inFlight: InFlightJobs;
  /** Where cancelled jobs are kept. */
  store: CancelledStore;
  /** This process's name in job histories (`host:pid`). */
  workerName: string;
}

/**
 * Stores a handler's progress report on the job. Progress is advice, not
 * state: a report that cannot be stored is dropped rather than failing the
 * attempt.
 */
async function reportProgress(
  job: Job,
  percent: number,
  message?: string,
): Promise<void> {
  const clamped = Math.min(
    100,
    Math.max(0, Number.isFinite(percent) ? percent : 0),
  );
  const progress: JobProgress = message
    ? { percent: clamped, message: message.slice(0, 200) }
    : { percent: clamped };
  await job.updateProgress(progress).catch(() => undefined);
}

type AnyHandler = (
  payload: unknown,
  context: JobContext,
) => Promise<Outcome<unknown>>;

function runJob(
  job: Job<JobEnvelope>,
  handlers: HandlerMap,
  options: ProcessorOptions,
  stop: JobStop,
  traceparent: string,
): Outcome<unknown> | Promise<Outcome<unknown>> {
  const prepared = preparePayload(job, options);
  if ('kind' in prepared) return prepared;
  const { type, payload } = prepared;
  const handler = handlers[type] as unknown as AnyHandler;
  return runWithTimeout(
    running =>
      handler(payload, {
        jobId: job.id ?? '',
        type,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        get signal() {
          return running.signal;
        },
        reportProgress: (percent, message) =>
          reportProgress(job, percent, message),
        traceparent,
      }),
    options.catalog[type].defaults.timeoutMs,
    stop,
  );
}

/** Writes history without letting a failed write change the job's fate. */
async function record(
  job: Job,
  event: Parameters<typeof recordEvent>[1],
): Promise<void> {
  await recordEvent(job, event).catch(() => undefined);
}

/** Builds the BullMQ processor that runs jobs through the steps above. */
export function createJobProcessor(
  handlers: HandlerMap,
  options: ProcessorOptions,
): Processor<JobEnvelope> {
  const { hooks, inFlight, workerName } = options;
  // Two parameters: BullMQ then makes no AbortController per job (its third).
  return async (job, token) => {
    const startedAt = Date.now();
    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    const id = job.id ?? '';
    // The attempt is a span of the trace its job was enqueued under.
    const parentTraceparent = (job.data as JobEnvelope | undefined)
      ?.traceparent;
    const traceparent = childTraceparent(parentTraceparent);
    const stop = inFlight.start(id);
    hooks.onStarted?.(job.name);
    let outcome: Outcome<unknown> | undefined;
    let failure: Error | undefined;
    let settlement: Settlement | undefined;
    const attemptFacts = () => ({
      attempt,
      worker: workerName,
      durationMs: Date.now() - startedAt,
    });
    try {
      outcome = await runJob(job, handlers, options, stop, traceparent);
      settlement = settlementOf(outcome, attempt, maxAttempts);
      if (outcome.kind === 'snooze') {
        await record(job, {
          event: 'snoozed',
          ...attemptFacts(),
          reason: outcome.reason,
          until: new Date(Date.now() + outcome.delayMs).toISOString(),
        });
      } else if (outcome.kind !== 'completed') {
        await record(job, {
          event: 'failed',
          ...attemptFacts(),
          error: { message: outcome.reason, stack: null },
          next: settlement === 'dead' ? 'dead' : 'retrying',
        });
      }
      return await settleOutcome(outcome, job, token);
    } catch (error) {
      if (outcome === undefined && token) {
        const { reason } = stop;
        if (reason instanceof JobCancelledError) {
          const { by } = reason;
          await endCancelled(job, token, options.store, {
            by,
            ...attemptFacts(),
          });
          settlement = 'cancelled';
          throw new WaitingError();
        }
        if (reason instanceof WorkerShutdownError) {
          // An attempt cut short by shutdown is not the job's failure.
          await record(job, { event: 'released', ...attemptFacts() });
          await job.moveToWait(token);
          settlement = 'released';
          throw new WaitingError();
        }
      }
      if (outcome === undefined) {
        failure = toError(error);
        settlement = settlementOf(undefined, attempt, maxAttempts);
        await record(job, {
          event: 'failed',
          ...attemptFacts(),
          error: { message: failure.message, stack: failure.stack ?? null },
          next: settlement === 'dead' ? 'dead' : 'retrying',
        });
      } else if (outcome.kind !== 'snooze') {
        failure = toError(error);
      }
      // BullMQ records `message` only: a thrown non-Error must become one.
      throw failure ?? error;
    } finally {
      inFlight.end(id);
      hooks.onSettled?.({
        type: job.name,
        jobId: id,
        attempt,
        settlement: settlement ?? settlementOf(outcome, attempt, maxAttempts),
        durationMs: Date.now() - startedAt,
        waitMs: Math.max(0, startedAt - job.timestamp - (job.delay ?? 0)),
        traceId: traceIdOf(traceparent),
        traceparent,
        parentTraceparent,
        startedAt,
        error: failure,
      });
    }
  };
}
