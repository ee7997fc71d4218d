import { JobTimeoutError } from './job-timeout-error';

/**
 * How long a handler may take to stop once its signal fires at the timeout
 * before its attempt is failed anyway.
 */
export const TIMEOUT_GRACE_MS = 1_000;

/**
 * Runs `work` under a deadline. At `timeoutMs` the controller aborts with a
 * {@link JobTimeoutError}; a cooperative handler stops and the attempt fails
 * as timed out at once. One that ignores the signal is failed as timed out
 * after `graceMs` more, so its concurrency slot is freed and the worker keeps
 * serving (its abandoned promise is left to settle alone). Whatever the work
 * returns after the deadline, the attempt timed out.
 *
 * `controller` is the job's own (see in-flight-jobs.ts): when something else
 * aborts it (cancellation, worker shutdown) the run fails at once with the
 * abort's reason, whether or not `work` heeds its signal. One controller per
 * job, not one per cause merged with `AbortSignal.any`: this runs for every
 * job, and merged signals cost more than the rest of the run.
 */
export async function runWithTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  controller = new AbortController(),
  graceMs = TIMEOUT_GRACE_MS,
): Promise<T> {
  const { signal } = controller;
  let deadline: NodeJS.Timeout | undefined;
  let grace: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const timedOut = () =>
    signal.reason instanceof JobTimeoutError ? signal.reason : undefined;
  const stopped = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => {
      const error = new JobTimeoutError(timeoutMs);
      controller.abort(error);
      grace = setTimeout(reject, graceMs, error);
    }, timeoutMs);
    onAbort = () => {
      if (!timedOut()) reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const settled = work(signal).then(
    value => {
      const timeout = timedOut();
      if (timeout) throw timeout;
      return value;
    },
    (error: unknown) => {
      throw timedOut() ?? error;
    },
  );
  // Work abandoned at the deadline may still reject later; that must not
  // surface as an unhandled rejection, which would end the process.
  settled.catch(() => undefined);
  try {
    return await Promise.race([settled, stopped]);
  } finally {
    clearTimeout(deadline);
    clearTimeout(grace);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
