import { setTimeout as sleep } from 'node:timers/promises';
import { ErrandError, ErrorCode, type JobType } from '@errand/contracts';
import type { QueueNaming } from '../../store/queue-name';
import type { Retention } from '../../store/job-options';
import { JobStore } from '../../store/job-store';
import { exponential } from '../../store/retry/backoff';
import type { PayloadCipher } from '../../store/security/payload-cipher';
import { reconcileSchedules, type ScheduleChange } from './reconcile-schedules';

/** How a worker keeps Redis in step with the schedules file. */
export interface ScheduleReconcilerOptions extends Partial<QueueNaming> {
  redisUrl: string;
  /** The schedules file's list. */
  schedules: readonly unknown[];
  /**
   * The job types whose schedules this process reconciles.
   * @defaultValue every catalog type
   */
  types?: readonly JobType[];
  /** Seals sensitive payload fields in the job templates. */
  cipher?: PayloadCipher;
  /**
   * How long finished runs are kept: pass the worker's, as the API does for
   * the jobs sent to it. @defaultValue `DEFAULT_RETENTION`
   */
  retention?: Retention;
  /**
   * The wait after the first failed attempt; it doubles up to a minute.
   * @defaultValue 1 000 ms
   */
  retryMs?: number;
  /** Called once, with one entry per schedule, when reconciling succeeds. */
  onReconciled(changes: ScheduleChange[]): void;
  /**
   * Called on each failed attempt. `willRetry` is false for an invalid
   * schedules file, which no retry can fix.
   */
  onError(error: Error, willRetry: boolean): void;
}

/** A reconciliation running in the background. */
export interface ScheduleReconciler {
  /** Settles (never rejects) once reconciled, given up, or closed. */
  readonly done: Promise<void>;
  /** Stops retrying and closes the connection. */
  close(): Promise<void>;
}

const MAX_RETRY_MS = 60_000;

/**
 * Reconciles the schedules in the background until it succeeds, so that a
 * worker started while Redis is down still serves jobs once Redis is back,
 * and gets its schedules then. It never throws: failures go to `onError`.
 */
export function startScheduleReconciler(
  options: ScheduleReconcilerOptions,
): ScheduleReconciler {
  const queues = new JobStore({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    hashTag: options.hashTag,
    cipher: options.cipher,
    retention: options.retention,
  });
  const stop = new AbortController();
  const retryMs = options.retryMs ?? 1_000;

  const run = async (): Promise<void> => {
    for (let attempt = 1; !stop.signal.aborted; attempt++) {
      try {
        const changes = await reconcileSchedules(queues, options.schedules, {
          types: options.types,
        });
        options.onReconciled(changes);
        return;
      } catch (error) {
        if (stop.signal.aborted) return;
        const failure =
          error instanceof Error ? error : new Error(String(error));
        const fixable = !(
          failure instanceof ErrandError &&
          failure.code === ErrorCode.configInvalid
        );
        options.onError(failure, fixable);
        if (!fixable) return;
        await sleep(exponential(attempt, retryMs, MAX_RETRY_MS), undefined, {
          signal: stop.signal,
        }).catch(() => undefined);
      }
    }
  };
  const done = run();

  let closing: Promise<void> | undefined;
  return {
    done,
    close: () =>
      (closing ??= (async () => {
        stop.abort();
        // An attempt in flight ends within the queue set's deadline.
        await done;
        await queues.close();
      })()),
  };
}
