import type { JobStatus, JobType, JobView } from '@errand/contracts';
import { QueueUnavailableError } from '../../store/errors/queue-unavailable-error';
import { getJobView } from '../../store/find-job';
import type { JobStore } from '../../store/job-store';
import { flowShardsOf } from '../../store/queue-name';
import { jobEventHubOf } from './job-event-hub';

/** Statuses a job never leaves on its own: the stream ends there. */
const TERMINAL_STATUSES: readonly JobStatus[] = [
  'succeeded',
  'dead',
  'cancelled',
];

/** What a watcher is told. */
export interface JobWatchListener {
  /** A view that differs from the last one in status, attempts or progress. */
  onView(view: JobView): void;
  /** The job reached a terminal status; nothing follows. */
  onEnd(view: JobView): void;
  /** Reading the job failed (Redis gone, job removed); nothing follows. */
  onError(error: unknown): void;
}

/** A watch whose first view is read; `start` it to hear about changes. */
export interface JobWatch {
  /** The job as it stands when the watch opened. */
  readonly first: JobView;
  /** True when `first` is already terminal: there is nothing to watch. */
  readonly finished: boolean;
  /** Starts listening; changes after `first` go to the listener. */
  start(listener: JobWatchListener): void;
  /** Re-reads the job now, e.g. on a heartbeat, in case an event was lost. */
  refresh(): void;
  /** Stops listening; safe to call more than once. */
  stop(): void;
}

/** What makes two views different enough to send again. */
function changeKey(view: JobView): string {
  const { status, attempts } = view;
  const progress = (view as { progress?: unknown }).progress ?? null;
  return JSON.stringify({ status, attempts, progress });
}

/**
 * Opens a watch on one job.
 *
 * 1. read the job: an unknown id or an unavailable Redis rejects here,
 *    before anything is streamed;
 * 2. on `start`, subscribe to the shared {@link JobEventHub} and re-read at
 *    once, so a change between the first read and the subscription is not
 *    missed;
 * 3. on every trigger, re-read (one read at a time; triggers that arrive
 *    meanwhile cause one more) and pass the view on when its status,
 *    attempts or progress changed;
 * 4. at a terminal status, or on a failed read, tell the listener and stop;
 *    so does a hub closed under the watch (the process is stopping), as an
 *    unavailable error the client may reconnect after.
 */
export async function watchJob(
  queues: JobStore,
  id: string,
): Promise<JobWatch> {
  const first = await getJobView(queues, id);
  const finished = TERMINAL_STATUSES.includes(first.status);
  let lastKey = changeKey(first);
  let listener: JobWatchListener | undefined;
  let unsubscribe: (() => void) | undefined;
  let stopped = false;
  let reading = false;
  let again = false;

  const stop = () => {
    stopped = true;
    unsubscribe?.();
    unsubscribe = undefined;
  };

  const read = async () => {
    if (stopped || !listener) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const view = await getJobView(queues, id);
        if (stopped) return;
        const key = changeKey(view);
        if (key === lastKey) continue;
        lastKey = key;
        if (TERMINAL_STATUSES.includes(view.status)) {
          stop();
          listener.onEnd(view);
          return;
        }
        listener.onView(view);
      } while (again && !stopped);
    } catch (error) {
      if (stopped) return;
      stop();
      listener.onError(error);
    } finally {
      reading = false;
    }
  };

  return {
    first,
    finished,
    start(l) {
      if (listener || stopped || finished) return;
      listener = l;
      const onClose = () => {
        if (stopped) return;
        stop();
        l.onError(
          new QueueUnavailableError('the server is stopping; reconnect'),
        );
      };
      // Each queue the job can be in: its type's, and on a cluster that
      // type's queue in every flow shard (a flow's node is in one of them).
      const offs = [undefined, ...flowShardsOf(queues.naming)].map(shard =>
        jobEventHubOf(queues).watch(
          first.type as JobType,
          id,
          () => void read(),
          onClose,
          shard,
        ),
      );
      unsubscribe = () => {
        for (const off of offs) off();
      };
      void read();
    },
    refresh: () => void read(),
    stop,
  };
}
