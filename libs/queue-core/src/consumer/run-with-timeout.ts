import { JobStop } from './job-stop';
import { JobTimeoutError } from './job-timeout-error';

/**
 * How long a handler may take to stop once its signal fires at the timeout
 * before its attempt is failed anyway.
 */
export const TIMEOUT_GRACE_MS = 1_000;

/**
 * Runs `work` under a deadline. At `timeoutMs` the attempt is stopped with a
 * {@link JobTimeoutError}; a cooperative handler stops and the attempt fails
 * as timed out at once. One that ignores its signal is failed as timed out
 * after `graceMs` more, so its concurrency slot is freed and the worker keeps
 * serving (its abandoned promise is left to settle alone). Whatever the work
 * returns after the deadline, the attempt timed out.
 *
 * `stop` is the job's own (see in-flight-jobs.ts): when something else
 * stops it (cancellation, worker shutdown) the run fails at once with that
 * reason, whether or not `work` heeds its signal. One stop per job, not one
 * signal per cause merged with `AbortSignal.any`: this runs for every job,
 * and merged signals cost more than the rest of the run.
 */
export async function runWithTimeout<T>(
  work: (stop: JobStop) => Promise<T>,
  timeoutMs: number,
  stop = new JobStop(),
  graceMs = TIMEOUT_GRACE_MS,
): Promise<T> {
  let deadline: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;
  let unlisten: (() => void) | undefined;
  const timedOut = () =>
    stop.reason instanceof JobTimeoutError ? stop.reason : undefined;
  const stopped = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => {
      const error = new JobTimeoutError(timeoutMs);
      stop.stop(error);
      grace = setTimeout(reject, graceMs, error);
    }, timeoutMs);
    unlisten = stop.onStop(reason => {
      if (!(reason instanceof JobTimeoutError)) reject(reason);
    });
  });
  const settled = work(stop).then(
    value => {
      const timeout = timedOut();
      if (timeout) throw timeout;
      return value;
    },
    (error: unknown) => {
      throw timedOut() ?? error;
    },
  );
  settled.catch(() => undefined);
  try {
    return await Promise.race([settled, stopped]);
  } finally {
    clearTimeout(deadline);
    clearTimeout(grace);
    unlisten?.();
  }
}
