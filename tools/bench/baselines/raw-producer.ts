/**
 * The producer baselines: raw BullMQ `Queue.add` and `addBulk` called in
 * the bench process, with no HTTP, validation or envelope in between, and
 * the bee-queue preload. Jobs carry the same data and retention as
 * Errand's, so the difference is only the layers Errand adds.
 */
import BeeQueue from 'bee-queue';
import { Queue, type JobsOptions } from 'bullmq';
import { Histogram } from '../histogram';

/** BullMQ options close to Errand's for a `system.noop` job. */
export const RAW_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { age: 24 * 60 * 60, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 60 * 60, count: 10_000 },
};

/** A raw BullMQ queue for the baselines. */
export function openRawQueue(
  redisUrl: string,
  prefix: string,
  name: string,
): Queue {
  return new Queue(name, {
    connection: { url: redisUrl, enableOfflineQueue: false },
    prefix,
  });
}

/** Adds `count` jobs with `data` in `addBulk` calls of `chunk`. */
export async function rawPreload(
  queue: Queue,
  count: number,
  data: object,
  options: JobsOptions = RAW_OPTIONS,
  chunk = 1_000,
): Promise<void> {
  for (let sent = 0; sent < count; sent += chunk) {
    const n = Math.min(chunk, count - sent);
    await queue.addBulk(
      Array.from({ length: n }, () => ({ name: 'noop', data, opts: options })),
    );
  }
}

/** What a closed-loop producer run measured. */
export interface LoopResult {
  /** Operations (or jobs, for bulk) per second. */
  perSecond: number;
  latency: Histogram;
  errors: number;
}

/**
 * `concurrency` loops each calling `operation` back to back for
 * `durationMs`: the in-process equivalent of autocannon's connections.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  operation: () => Promise<unknown>,
  itemsPerOperation = 1,
): Promise<LoopResult> {
  const latency = new Histogram();
  let done = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await operation();
          latency.record(performance.now() - t0);
          done += itemsPerOperation;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  return { perSecond: done / seconds, latency, errors };
}

/** `Queue.add` of one raw no-op job, as the enqueue baseline. */
export function rawAdd(queue: Queue): () => Promise<unknown> {
  return () => queue.add('noop', {}, RAW_OPTIONS);
}

/** `Queue.addBulk` of `size` raw no-op jobs, as the batch baseline. */
export function rawAddBulk(queue: Queue, size: number): () => Promise<unknown> {
  return () =>
    queue.addBulk(
      Array.from({ length: size }, () => ({
        name: 'noop',
        data: {},
        opts: RAW_OPTIONS,
      })),
    );
}

/** Adds `count` bee-queue jobs for its worker to drain. */
export async function beePreload(
  redisUrl: string,
  prefix: string,
  name: string,
  count: number,
): Promise<void> {
  const queue = new BeeQueue(name, {
    redis: { url: redisUrl },
    prefix,
    isWorker: false,
    getEvents: false,
  });
  try {
    for (let sent = 0; sent < count; sent += 1_000) {
      const n = Math.min(1_000, count - sent);
      await queue.saveAll(Array.from({ length: n }, () => queue.createJob({})));
    }
  } finally {
    await queue.close();
  }
}
