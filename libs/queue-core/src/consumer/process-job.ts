import { WaitingError, type Job, type Processor } from 'bullmq';
import {
  ContractViolationError,
  ErrandError,
  ErrorCode,
  jobCatalog,
  parseJobType,
  parsePayload,
  type JobType,
} from '@errand/contracts';
import type { JobEnvelope } from '../producer/job-envelope';
import type { HandlerMap, JobContext } from './job-handler';
import { discard, type Outcome } from './outcome';
import { runWithTimeout } from './run-with-timeout';
import { settleOutcome, settlementOf, type Settlement } from './settle-outcome';

/**
 * How one job runs, from the moment BullMQ hands it over:
 * 1. decode   — read the type and the envelope BullMQ stored;
 * 2. validate — check the payload against its contract again: the producer
 *               may be older, newer or foreign, and retrying a payload that
 *               breaks the contract cannot help, so it is discarded;
 * 3. resolve  — pick the type's handler from the registry;
 * 4. run      — call it under the type's timeout, with an abort signal;
 * 5. settle   — turn its outcome into BullMQ's terms (settle-outcome.ts);
 *    or, when the worker shuts down before the attempt ends, release the
 *    job: back to its queue, lock dropped, no attempt used.
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
  error?: Error;
}

/** Callbacks for metrics and logs; they must not throw. */
export interface ConsumerHooks {
  onSettled?(event: SettledEvent): void;
}

type AnyHandler = (
  payload: unknown,
  context: JobContext,
) => Promise<Outcome<unknown>>;

function decode(job: Job<JobEnvelope>): { type: JobType; payload: unknown } {
  const type = parseJobType(job.name);
  if (
    typeof job.data !== 'object' ||
    job.data === null ||
    !('payload' in job.data)
  ) {
    throw new ContractViolationError(
      ErrorCode.invalidPayload,
      'The job has no payload envelope.',
      [],
    );
  }
  return { type, payload: job.data.payload };
}

function describeRejection(error: ErrandError): string {
  const issues = error.issues.map(i => `${i.path || '/'}: ${i.message}`);
  return [error.message, ...issues].join(' ');
}

async function runJob(
  job: Job<JobEnvelope>,
  handlers: HandlerMap,
  signal: AbortSignal,
): Promise<Outcome<unknown>> {
  let type: JobType;
  let payload: unknown;
  try {
    ({ type, payload } = decode(job));
    payload = parsePayload(type, payload, '');
  } catch (error) {
    if (error instanceof ErrandError) return discard(describeRejection(error));
    throw error;
  }
  const handler = handlers[type] as unknown as AnyHandler;
  const context = (abort: AbortSignal): JobContext => ({
    jobId: job.id ?? '',
    type,
    attempt: job.attemptsMade + 1,
    maxAttempts: job.opts.attempts ?? 1,
    signal: abort,
  });
  return runWithTimeout(
    abort => handler(payload, context(abort)),
    jobCatalog[type].defaults.timeoutMs,
    signal,
  );
}

/** Builds the BullMQ processor that runs jobs through the steps above. */
export function createJobProcessor(
  handlers: HandlerMap,
  hooks: ConsumerHooks,
  shutdown: AbortSignal,
): Processor<JobEnvelope> {
  return async (job, token, cancel) => {
    const startedAt = Date.now();
    const attempt = job.attemptsMade + 1;
    const signal = cancel ? AbortSignal.any([shutdown, cancel]) : shutdown;
    let outcome: Outcome<unknown> | undefined;
    let failure: Error | undefined;
    let released = false;
    try {
      outcome = await runJob(job, handlers, signal);
      return settleOutcome(outcome);
    } catch (error) {
      if (shutdown.aborted && token) {
        // An attempt cut short by shutdown is not the job's failure.
        await job.moveToWait(token);
        released = true;
        throw new WaitingError();
      }
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      hooks.onSettled?.({
        type: job.name,
        jobId: job.id ?? '',
        attempt,
        settlement: released
          ? 'released'
          : settlementOf(outcome, attempt, job.opts.attempts ?? 1),
        durationMs: Date.now() - startedAt,
        waitMs: Math.max(0, startedAt - job.timestamp - (job.delay ?? 0)),
        error: failure,
      });
    }
  };
}
