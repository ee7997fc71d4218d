import { JobTimeoutError } from './job-timeout-error';

/**
 * Runs `work` and fails with {@link JobTimeoutError} after `timeoutMs`,
 * aborting the signal it gave `work` so that a cooperative handler stops.
 * When `outer` aborts (worker shutdown) it fails at once with the abort's
 * reason, whether or not `work` heeds its signal.
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
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new JobTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work(signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
