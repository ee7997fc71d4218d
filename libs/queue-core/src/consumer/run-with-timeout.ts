import { JobTimeoutError } from './job-timeout-error';

/**
 * Runs `work` and fails with {@link JobTimeoutError} after `timeoutMs`,
 * aborting the signal it gave `work` so that a cooperative handler stops.
 * The signal is also aborted when `outer` is (worker shutdown).
 */
export async function runWithTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const signal = outer
    ? AbortSignal.any([controller.signal, outer])
    : controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new JobTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
