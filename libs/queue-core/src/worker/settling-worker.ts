import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, type Job, type Span } from 'bullmq';
import { isConnectionFailure } from '../store/connection/is-connection-failure';

/** Longest pause between two tries of a completion write. */
const MAX_PAUSE_MS = 1_000;

/**
 * A BullMQ worker that never turns a success into a failure because Redis
 * was away when the success was written.
 *
 * BullMQ retries a completion that failed on a connection error only when
 * the error is exactly "Connection is closed."; anything else a failover
 * produces ("Too many Cluster redirections", READONLY, CLUSTERDOWN) sends
 * the job through its failure path, and a job on its last attempt ended
 * `dead` though its handler had succeeded. Here the completion is written
 * again, every second at most, until Redis takes it or the worker closes.
 * If the job's lock expires meanwhile, the write is refused ("Missing
 * lock") and the job runs again once the stall check finds it: at least
 * once, never recorded dead.
 */
export class SettlingWorker extends Worker {
  protected override async handleCompleted(
    result: unknown,
    job: Job,
    token: string,
    fetchNextCallback?: () => boolean,
    span?: Span,
  ): Promise<Job> {
    for (let tries = 1; ; tries++) {
      try {
        return await super.handleCompleted(
          result,
          job,
          token,
          fetchNextCallback,
          span,
        );
      } catch (error) {
        if (!isConnectionFailure(error) || this.closing) throw error;
        this.emit('error', error as Error);
        await sleep(Math.min(tries * 200, MAX_PAUSE_MS));
      }
    }
  }
}
