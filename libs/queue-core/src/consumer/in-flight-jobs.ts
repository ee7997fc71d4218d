import { JobCancelledError } from '../cancel/job-cancelled-error';

/** How long a request for a job not (yet) running here is remembered. */
const EARLY_REQUEST_MEMORY_MS = 10_000;

/**
 * The jobs this process runs right now, each with the one controller that
 * aborts it, whatever the cause: a cancellation, the worker's shutdown, or
 * its timeout (run-with-timeout.ts); `signal.reason` tells them apart.
 * A cancellation can overtake the job it names (it is published while the
 * job is being handed to this worker), so requests for unknown ids are kept
 * a few seconds and applied on start.
 */
export class InFlightJobs {
  private readonly running = new Map<string, AbortController>();
  private readonly early = new Map<string, { by: string; at: number }>();
  private stopping: Error | undefined;

  /** Registers a starting job; returns its controller. */
  start(id: string): AbortController {
    const controller = new AbortController();
    this.running.set(id, controller);
    const request = this.early.get(id);
    if (this.stopping) {
      controller.abort(this.stopping);
    } else if (request) {
      this.early.delete(id);
      controller.abort(new JobCancelledError(request.by));
    }
    return controller;
  }

  /** Aborts every running job, and any that starts from now on. */
  abortAll(reason: Error): void {
    this.stopping = reason;
    for (const controller of this.running.values()) controller.abort(reason);
  }

  /** Forgets a job whose attempt has ended. */
  end(id: string): void {
    this.running.delete(id);
  }

  /** Aborts the job if it runs here; remembers the request otherwise. */
  cancel(id: string, by: string, now = Date.now()): boolean {
    const controller = this.running.get(id);
    if (controller) {
      controller.abort(new JobCancelledError(by));
      return true;
    }
    for (const [key, request] of this.early) {
      if (now - request.at > EARLY_REQUEST_MEMORY_MS) this.early.delete(key);
    }
    this.early.set(id, { by, at: now });
    return false;
  }
}
