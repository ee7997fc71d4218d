import { WaitingError, type Job, type Processor } from 'bullmq';
import {
  ContractViolationError,
  ErrandError,
  ErrorCode,
  parseJobType,
  parsePayloadWith,
  upcastPayload,
  type JobDefinition,
  type JobType,
} from '@errand/contracts';
import type { JobEnvelope } from '../producer/job-envelope';
import { PayloadDecryptionError } from '../security/payload-cipher';
import type { PayloadCipher } from '../security/payload-cipher';
import type { HandlerMap, JobContext } from './job-handler';
import { discard, snooze, type Outcome } from './outcome';
import { runWithTimeout } from './run-with-timeout';
import { settleOutcome, settlementOf, type Settlement } from './settle-outcome';

/**
 * How one job runs, from the moment BullMQ hands it over:
 * 1. decode   — read the type, the envelope and its contract version;
 * 2. open     — decrypt sensitive fields, when encryption at rest is on;
 * 3. upcast   — bring an older payload up to the current version; a payload
 *               written by a newer contract than this worker knows is
 *               snoozed (no attempt used) for a worker that knows it;
 * 4. validate — check the payload against its contract again: the producer
 *               may be older, newer or foreign, and retrying a payload that
 *               breaks the contract cannot help, so it is discarded;
 * 5. resolve  — pick the type's handler from the registry;
 * 6. run      — call it under the type's timeout, with an abort signal;
 * 7. settle   — turn its outcome into BullMQ's terms (settle-outcome.ts);
 *    or, when the worker shuts down before the attempt ends, release the
 *    job: back to its queue, lock dropped, no attempt used.
 */

/** How long a job from a newer contract waits before it is offered again. */
export const NEWER_VERSION_SNOOZE_MS = 5_000;

/** The contracts a worker runs jobs against. */
export type CatalogLike = Readonly<Record<JobType, JobDefinition>>;

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

/** What the processor needs besides the handlers. */
export interface ProcessorOptions {
  catalog: CatalogLike;
  cipher?: PayloadCipher;
  hooks: ConsumerHooks;
  /** Aborted when the worker shuts down for good. */
  shutdown: AbortSignal;
}

type AnyHandler = (
  payload: unknown,
  context: JobContext,
) => Promise<Outcome<unknown>>;

function decode(job: Job<JobEnvelope>) {
  const type = parseJobType(job.name);
  const envelope = job.data;
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    !('payload' in envelope)
  ) {
    throw new ContractViolationError(
      ErrorCode.invalidPayload,
      'The job has no payload envelope.',
      [],
    );
  }
  return { type, payload: envelope.payload, version: envelope.version ?? 1 };
}

function describeRejection(error: ErrandError): string {
  const issues = error.issues.map(i => `${i.path || '/'}: ${i.message}`);
  return [error.message, ...issues].join(' ');
}

/** Steps 1–4: a payload the handler can trust, or the outcome instead. */
function preparePayload(
  job: Job<JobEnvelope>,
  { catalog, cipher }: ProcessorOptions,
): { type: JobType; payload: unknown } | Outcome<never> {
  try {
    const { type, payload, version } = decode(job);
    const definition = catalog[type];
    if (version > definition.version) {
      return snooze(
        NEWER_VERSION_SNOOZE_MS,
        `${type} v${version} is newer than this worker's v${definition.version}`,
      );
    }
    const opened = cipher ? cipher.open(type, payload) : payload;
    const current = upcastPayload(type, definition, opened, version);
    return { type, payload: parsePayloadWith(definition, type, current, '') };
  } catch (error) {
    if (error instanceof ErrandError) return discard(describeRejection(error));
    if (error instanceof PayloadDecryptionError) return discard(error.message);
    throw error;
  }
}

async function runJob(
  job: Job<JobEnvelope>,
  handlers: HandlerMap,
  options: ProcessorOptions,
  signal: AbortSignal,
): Promise<Outcome<unknown>> {
  const prepared = preparePayload(job, options);
  if ('kind' in prepared) return prepared;
  const { type, payload } = prepared;
  const handler = handlers[type] as unknown as AnyHandler;
  return runWithTimeout(
    abort =>
      handler(payload, {
        jobId: job.id ?? '',
        type,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
        signal: abort,
      }),
    options.catalog[type].defaults.timeoutMs,
    signal,
  );
}

/** Builds the BullMQ processor that runs jobs through the steps above. */
export function createJobProcessor(
  handlers: HandlerMap,
  options: ProcessorOptions,
): Processor<JobEnvelope> {
  const { hooks, shutdown } = options;
  return async (job, token, cancel) => {
    const startedAt = Date.now();
    const attempt = job.attemptsMade + 1;
    const signal = cancel ? AbortSignal.any([shutdown, cancel]) : shutdown;
    let outcome: Outcome<unknown> | undefined;
    let failure: Error | undefined;
    let released = false;
    try {
      outcome = await runJob(job, handlers, options, signal);
      return await settleOutcome(outcome, job, token);
    } catch (error) {
      if (outcome === undefined && shutdown.aborted && token) {
        // An attempt cut short by shutdown is not the job's failure.
        await job.moveToWait(token);
        released = true;
        throw new WaitingError();
      }
      if (outcome?.kind !== 'snooze') {
        failure = error instanceof Error ? error : new Error(String(error));
      }
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
