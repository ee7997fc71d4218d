/**
 * The flow baselines: raw BullMQ `FlowProducer.add` of a parent and its
 * children, called in the bench process with no HTTP, validation or
 * envelope in between, and the clock of a drained flow read back from the
 * jobs' own hashes. The raw tree has the shape of Errand's: the parent on
 * a queue of its own (a type of its own), every node with the same
 * retention, every child with `failParentOnFailure`, what Errand's default
 * `onFailure: "fail-parent"` stores.
 */
import { FlowProducer, type FlowJob } from 'bullmq';
import { Redis } from 'ioredis';
import { RAW_OPTIONS } from './raw-producer';

/** A raw BullMQ flow producer for the baselines. */
export function openRawFlowProducer(
  redisUrl: string,
  prefix: string,
): FlowProducer {
  return new FlowProducer({
    connection: { url: redisUrl, enableOfflineQueue: false },
    prefix,
  });
}

/** Where a raw flow's jobs go. */
export interface RawFlowQueues {
  parent: string;
  child: string;
}

/** A parent sleeping 0 ms over `children` no-op children. */
export function rawFlowTree(queues: RawFlowQueues, children: number): FlowJob {
  return {
    name: 'sleep',
    queueName: queues.parent,
    data: { ms: 0 },
    opts: RAW_OPTIONS,
    children: Array.from({ length: children }, () => ({
      name: 'noop',
      queueName: queues.child,
      data: {},
      opts: { ...RAW_OPTIONS, failParentOnFailure: true },
    })),
  };
}

/**
 * When a drained flow's jobs ran, in ms since the epoch. BullMQ's times
 * are written by the scripts that move each job (the worker's clock); the
 * parent's `startedAt` is its handler's own.
 */
export interface FlowClock {
  /** The parent's `processedOn`: when a worker took it from its queue. */
  parentTakenAt: number;
  /** The `startedAt` its handler returned: when the parent's code began. */
  parentStartedAt: number;
  /** The earliest child's `processedOn`. */
  firstChildStartedAt: number;
  /** The latest child's `finishedOn`. */
  lastChildEndedAt: number;
}

/** Reads a flow's times from its jobs' hashes (`<prefix>:<queue>:<id>`). */
export class FlowClockReader {
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  }

  /** A job's `finishedOn`, or undefined while it has not ended. */
  async finishedOn(jobKey: string): Promise<number | undefined> {
    const value = await this.redis.hget(jobKey, 'finishedOn');
    return value === null ? undefined : Number(value);
  }

  /**
   * The clock of a flow whose parent has ended. A child removed by the
   * retention count (the oldest finished, once the parent ends) is left
   * out: it can be neither the last child to end nor, among hundreds, the
   * first to start by more than a few ms.
   */
  async read(parentKey: string, childKeys: string[]): Promise<FlowClock> {
    const pipeline = this.redis.pipeline();
    pipeline.hmget(parentKey, 'processedOn', 'returnvalue');
    for (const key of childKeys) {
      pipeline.hmget(key, 'processedOn', 'finishedOn');
    }
    const [[, parent], ...children] = (await pipeline.exec()) ?? [];
    const [processedOn, returnvalue] = parent as (string | null)[];
    const result = JSON.parse(returnvalue ?? 'null') as {
      startedAt?: number;
    } | null;
    let firstChildStartedAt = Number.POSITIVE_INFINITY;
    let lastChildEndedAt = Number.NEGATIVE_INFINITY;
    for (const [, times] of children) {
      const [started, ended] = times as (string | null)[];
      if (started !== null) {
        firstChildStartedAt = Math.min(firstChildStartedAt, Number(started));
      }
      if (ended !== null) {
        lastChildEndedAt = Math.max(lastChildEndedAt, Number(ended));
      }
    }
    return {
      parentTakenAt: Number(processedOn),
      parentStartedAt: result?.startedAt ?? Number.NaN,
      firstChildStartedAt,
      lastChildEndedAt,
    };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
