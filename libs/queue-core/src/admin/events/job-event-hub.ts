import { QueueEvents } from 'bullmq';
import type { JobType } from '@errand/contracts';
import { duplicateConnection } from '../../store/connection/duplicate-connection';
import { queueNameFor } from '../../store/queue-name';
import type { JobStore } from '../../store/job-store';

/** Called when something may have happened to a watched job. */
export type JobTrigger = () => void;

/**
 * The BullMQ events that can change what a job's view shows. `removed`
 * covers cancellation, which takes a job out of BullMQ.
 */
const JOB_EVENTS = [
  'added',
  'waiting',
  'active',
  'progress',
  'completed',
  'failed',
  'delayed',
  'removed',
  'stalled',
  'retries-exhausted',
] as const;

/**
 * How far back a new event reader starts: events written while it was
 * still connecting are read, not lost; repeats only cost a re-read.
 */
const REPLAY_MS = 2_000;

/** One watcher: told of events, and of the hub closing under it. */
interface Watcher {
  trigger: JobTrigger;
  onClose: () => void;
}

interface TypeStream {
  events: QueueEvents;
  watchers: Map<string, Set<Watcher>>;
  /** Closes the reader and the connection made for it. */
  close(): Promise<void>;
}

/**
 * Tells watchers when something happened to their job. One BullMQ
 * `QueueEvents` reader per queue (a job type's, or on a cluster its queue
 * in one flow shard), opened on the first watcher of that queue and closed
 * when its last watcher leaves, serves every watcher of the process: Redis
 * sees one blocking reader per queue, whatever the number of watchers.
 *
 * Events are only triggers: watchers re-read the job, so a lost or
 * repeated event never shows a wrong state. The reader also triggers every
 * watcher of its type when its connection drops, so they find out at once.
 */
export class JobEventHub {
  /** Readers by queue name. */
  private readonly streams = new Map<string, TypeStream>();
  private closed = false;

  constructor(private readonly queues: JobStore) {}

  /**
   * Calls `trigger` on each event for job `id`, and `onClose` if the hub
   * closes first (the process is stopping); returns the unsubscribe.
   * `shard`: the job is in that flow shard's queue of `type`.
   */
  watch(
    type: JobType,
    id: string,
    trigger: JobTrigger,
    onClose: () => void,
    shard?: number,
  ): () => void {
    if (this.closed) throw new Error('The job event hub is closed.');
    const name = queueNameFor(type, this.queues.naming, shard);
    const stream = this.streams.get(name) ?? this.open(name);
    const triggers = stream.watchers.get(id) ?? new Set<Watcher>();
    stream.watchers.set(id, triggers);
    const watcher: Watcher = { trigger, onClose };
    triggers.add(watcher);
    return () => {
      triggers.delete(watcher);
      if (triggers.size === 0) stream.watchers.delete(id);
      if (stream.watchers.size === 0 && this.streams.get(name) === stream) {
        this.streams.delete(name);
        void stream.close();
      }
    };
  }

  /** Watchers in all, for tests and metrics. */
  watcherCount(): number {
    let count = 0;
    for (const { watchers } of this.streams.values()) {
      for (const triggers of watchers.values()) count += triggers.size;
    }
    return count;
  }

  /** Event readers open now: one per queue with watchers. */
  readerCount(): number {
    return this.streams.size;
  }

  /** Closes every reader, telling each watcher through its `onClose`. */
  async close(): Promise<void> {
    this.closed = true;
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const { watchers } of streams) {
      for (const triggers of watchers.values()) {
        for (const watcher of [...triggers]) watcher.onClose();
      }
    }
    await Promise.all(streams.map(s => s.close()));
  }

  private open(name: string): TypeStream {
    // A reader blocks on XREAD, so it needs its own connection, one that
    // waits out an outage instead of failing the read.
    const connection = duplicateConnection(this.queues.connection, {
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      connectionName: 'errand-events',
    });
    connection.on('error', () => undefined);
    const events = new QueueEvents(name, {
      connection,
      prefix: this.queues.naming.prefix,
      lastEventId: `${Date.now() - REPLAY_MS}-0`,
    });
    events.on('error', () => undefined);
    const stream: TypeStream = {
      events,
      watchers: new Map(),
      // BullMQ leaves a connection it was handed open: it is ours to end.
      // The reader is marked closing first, so the read that fails when the
      // connection ends is not retried after a pause; the connection ends
      // before the reader's close is awaited, which over a dead connection
      // would wait for Redis to come back.
      close: async () => {
        const closing = events.close().catch(() => undefined);
        connection.disconnect();
        await closing;
      },
    };
    const fire = (id: string | undefined) => {
      const triggers = id ? stream.watchers.get(id) : undefined;
      for (const watcher of triggers ?? []) watcher.trigger();
    };
    for (const name of JOB_EVENTS) {
      events.on(name, (args: { jobId?: string }) => fire(args?.jobId));
    }
    const fireAll = () => {
      for (const triggers of stream.watchers.values()) {
        for (const watcher of triggers) watcher.trigger();
      }
    };
    connection.on('close', fireAll);
    this.streams.set(name, stream);
    return stream;
  }
}

const hubs = new WeakMap<JobStore, JobEventHub>();

/** The process's hub for these queues, made on first use. */
export function jobEventHubOf(queues: JobStore): JobEventHub {
  let hub = hubs.get(queues);
  if (!hub) {
    hub = new JobEventHub(queues);
    hubs.set(queues, hub);
  }
  return hub;
}

/**
 * Closes the hub of these queues, if one was made: call it before closing
 * the JobStore. A later watch makes a new hub.
 */
export async function closeJobEvents(queues: JobStore): Promise<void> {
  const hub = hubs.get(queues);
  hubs.delete(queues);
  await hub?.close();
}
