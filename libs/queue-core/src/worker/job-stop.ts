/**
 * How one running attempt is stopped, whatever the cause: its timeout
 * (run-with-timeout.ts), a cancellation or the worker's shutdown
 * (in-flight-jobs.ts). `reason` tells them apart.
 *
 * The `AbortSignal` a handler sees is made only when the handler asks for
 * it. Most handlers never do, and in the drain bench an `AbortController`
 * per job, with its listener added and removed, was the largest single cost
 * of Errand's own pipeline (createAbortSignal alone 2.3 % of the worker's
 * CPU, plus the garbage it leaves).
 */
export class JobStop {
  private why: Error | undefined;
  private controller: AbortController | undefined;
  private listener: ((reason: Error) => void) | undefined;

  /** Why the attempt was stopped; undefined while it may run on. */
  get reason(): Error | undefined {
    return this.why;
  }

  /** Aborted when the attempt is stopped, with {@link reason}. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.why) this.controller.abort(this.why);
    }
    return this.controller.signal;
  }

  /** Stops the attempt; only the first reason counts. */
  stop(reason: Error): void {
    if (this.why) return;
    this.why = reason;
    this.controller?.abort(reason);
    this.listener?.(reason);
  }

  /**
   * Calls `listener` when the attempt is stopped (at once if it already
   * was); one listener at a time, the runner's. Returns its removal.
   */
  onStop(listener: (reason: Error) => void): () => void {
    if (this.why) {
      listener(this.why);
      return () => undefined;
    }
    this.listener = listener;
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }
}
