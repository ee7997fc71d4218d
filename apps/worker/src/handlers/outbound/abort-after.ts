/** A signal that aborts when its parent does or when its time is up. */
export interface Deadline {
  signal: AbortSignal;
  /** Stops the timer: call it once the work has ended. */
  clear(): void;
}

/**
 * `parent`, or aborted with a `TimeoutError` after `ms`. The timer holds
 * the controller it aborts, so the timeout fires whatever the garbage
 * collector does. Not `AbortSignal.any([parent, AbortSignal.timeout(ms)])`:
 * on Node 20 a timeout signal that only `AbortSignal.any()` refers to can
 * be collected and then never fires (nodejs/node#57736); a webhook to a
 * receiver that never answered hung past its `timeoutMs` that way.
 */
export function abortAfter(parent: AbortSignal, ms: number): Deadline {
  const timeout = new AbortController();
  const timer = setTimeout(
    () =>
      timeout.abort(
        new DOMException(
          `no answer within timeoutMs (${ms} ms)`,
          'TimeoutError',
        ),
      ),
    ms,
  );
  return {
    signal: AbortSignal.any([parent, timeout.signal]),
    clear: () => clearTimeout(timer),
  };
}
