import type { Job } from 'bullmq';
import type {
  HandlerMap,
  JobContext,
  JobProgress,
  Outcome,
} from '@errand/contracts';
import { readChildOutcomes } from '../store/flow/child-outcomes';
import type { JobEnvelope } from '../store/job-envelope';
import type { JobStore } from '../store/job-store';
import { parseQueueName } from '../store/queue-name';
import type { PayloadCipher } from '../store/security/payload-cipher';
import type { CatalogLike } from './catalog-like';
import type { JobStop } from './job-stop';
import { preparePayload } from './prepare-payload';
import { runWithTimeout } from './run-with-timeout';
import { endingOf, type AttemptResult, type Ending } from './settle';

/** What an attempt needs besides the job and its handlers. */
export interface AttemptOptions {
  catalog: CatalogLike;
  /** Opens sealed fields, when encryption at rest is on. */
  cipher?: PayloadCipher;
  /** Where a parent's children are read (`context.children()`). */
  store: Pick<JobStore, 'connection' | 'naming' | 'queueFor'>;
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
  options: AttemptOptions,
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
        pass: job.data?.pass ?? 1,
        children: () =>
          readChildOutcomes(
            options.store,
            type,
            job.id ?? '',
            parseQueueName(job.queueName)?.shard,
          ),
      }),
    options.catalog[type].defaults.timeoutMs,
    stop,
  );
}

/**
 * Runs one attempt of `job` (steps 1–6 of process-job.ts) and says how it
 * ended. Never throws: a handler's throw, its timeout and a stop are all
 * endings (settle.ts).
 */
export async function runAttempt(
  job: Job<JobEnvelope>,
  handlers: HandlerMap,
  options: AttemptOptions,
  stop: JobStop,
  traceparent: string,
  token: string | undefined,
): Promise<Ending> {
  const attempt = job.attemptsMade + 1;
  const maxAttempts = job.opts.attempts ?? 1;
  let result: AttemptResult;
  try {
    result = {
      outcome: await runJob(job, handlers, options, stop, traceparent),
    };
  } catch (thrown) {
    result = { thrown };
  }
  return endingOf(
    result,
    stop.reason,
    token !== undefined,
    attempt,
    maxAttempts,
  );
}
