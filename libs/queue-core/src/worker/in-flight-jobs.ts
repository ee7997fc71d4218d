import { JobCancelledError } from '../store/errors/job-cancelled-error';
import { JobStop } from './job-stop';

/** How long a request for a job not (yet) running here is remembered. */
const EARLY_REQUEST_MEMORY_MS = 10_000;

/**
 * The jobs this process runs right now, each with the one {@link JobStop}
 * that stops it, whatever the cause: a cancellation, the worker's shutdown, or
 * its timeout (run-with-timeout.ts); `reason` tells them apart.
 * A cancellation can overtake the job it names (it is published while the
 * job is being handed to this worker), so requests for unknown ids are kept
 * a few seconds and applied on start.
 */
export class InFlightJobs {
  private readonly running = new Map<string, JobStop>();
  private readonly early = new Map<string, { by: string; at: number }>();
  private stopping: Error | undefined;
  private readonly leftBehind = new Set<Promise<void>>();

  /** Registers a starting job; returns its stop. */
  start(id: string): JobStop {
    const stop = new JobStop();
    this.running.set(id, stop);
    if (this.stopping) {
      stop.stop(this.stopping);
    } else if (this.early.size > 0) {
      const request = this.early.get(id);
      if (request) {
        this.early.delete(id);
        stop.stop(new JobCancelledError(request.by));
      }
    }
    return stop;
  }

  /** Aborts every running job, and any that starts from now on. */
  abortAll(reason: Error): void {
    this.stopping = reason;
    for (const stop of this.running.values()) stop.stop(reason);
  }

  /** Forgets a job whose attempt has ended. */
  end(id: string): void {
    this.running.delete(id);
  }

  /**
   * Keeps track of work an ended job leaves behind (its key slot's
   * release), so that a closing worker can wait for it ({@link afterEnd}).
   */
  trackAfterEnd(work: Promise<void>): void {
    this.leftBehind.add(work);
    void work.finally(() => this.leftBehind.delete(work));
  }

  /** Resolves when the work left behind so far is done. */
  async afterEnd(): Promise<void> {
    await Promise.all(this.leftBehind);
  }

  /** Aborts the job if it runs here; remembers the request otherwise. */
  cancel(id: string, by: string, now = Date.now()): boolean {
    const stop = this.running.get(id);
    if (stop) {
      stop.stop(new JobCancelledError(by));
      return true;
    }
    for (const [key, request] of this.early) {
      if (now - request.at > EARLY_REQUEST_MEMORY_MS) this.early.delete(key);
    }
    this.early.set(id, { by, at: now });
    return false;
  }
}
