import { JobStop } from './job-stop';
import { JobTimeoutError } from './job-timeout-error';

/**
 * How long a handler may take to stop once its signal fires at the timeout
 * before its attempt is failed anyway.
 */
const TIMEOUT_GRACE_MS = 1_000;

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
export function runWithTimeout<T>(
  work: (stop: JobStop) => Promise<T>,
  timeoutMs: number,
  stop = new JobStop(),
  graceMs = TIMEOUT_GRACE_MS,
): Promise<T> {
  // One promise settled by whichever comes first (the work, a stop, the
  // grace period's end); later calls to resolve or reject do nothing. This
  // runs for every job: the race of three promises it replaced allocated
  // four more promises and their callbacks per job (docs/performance.md).
  return new Promise<T>((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      const error = new JobTimeoutError(timeoutMs);
      stop.stop(error);
      grace = setTimeout(fail, graceMs, error);
    }, timeoutMs);
    // The listener runs at once if the job was stopped before it started,
    // before onStop has returned the removal.
    let unlisten = (): void => undefined;
    unlisten = stop.onStop(reason => {
      if (!(reason instanceof JobTimeoutError)) fail(reason);
    });
    function end(): void {
      clearTimeout(deadline);
      clearTimeout(grace);
      unlisten();
    }
    function fail(error: unknown): void {
      end();
      reject(error);
    }
    const timedOut = () =>
      stop.reason instanceof JobTimeoutError ? stop.reason : undefined;
    let running: Promise<T>;
    try {
      running = work(stop);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      value => {
        const timeout = timedOut();
        if (timeout) return fail(timeout);
        end();
        resolve(value);
      },
      (error: unknown) => fail(timedOut() ?? error),
    );
  });
}
