/**
 * 5. Redis memory per job, from `INFO memory` before and after: per queued
 * job with a 100-byte payload (`email.send`, no worker), and per retained
 * finished job (no-op jobs run to completion and kept by the retention
 * rule, at most 1 000 per type). Each against raw BullMQ jobs with the same
 * data and retention. The queued figure is given as is, without the
 * queue's event stream (which BullMQ caps at about 10 000 entries per
 * queue), and without it again with job hashes kept as listpacks, as
 * docker/redis/redis.conf sets Redis up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ERRAND_PREFIX,
  RAW_PREFIX,
  RAW_QUEUE,
  type BenchContext,
} from '../bench-context';
import type { BenchRow } from '../bench-row';
import { openRawQueue, rawPreload } from '../baselines/raw-producer';
import { postJson } from '../http-load';

/** A 100-byte `email.send` payload, as JSON. */
const PAYLOAD_100B = {
  to: 'user@example.com',
  subject: 'Your weekly report is ready',
  text: 'Hello! Open the app to read it.',
};

/** docker/redis/redis.conf's `hash-max-listpack-value`. */
const LISTPACK_VALUE = '1024';

/** Finished jobs kept per type: the lesser of this and the job count. */
const RETAINED = 1_000;

export async function memorySection(ctx: BenchContext): Promise<BenchRow[]> {
  const n = ctx.settings.memoryJobs;
  const retained = Math.min(RETAINED, n);
  const api = await ctx.startApi();
  const queue = openRawQueue(ctx.redisUrl, RAW_PREFIX, RAW_QUEUE);
  await queue.waitUntilReady();
  const enqueueErrand = async (count: number, job: object) => {
    for (let sent = 0; sent < count; sent += 1_000) {
      const jobs = Array.from(
        { length: Math.min(1_000, count - sent) },
        () => job,
      );
      await postJson(`${api.url}/enqueue/batch`, { jobs });
    }
  };
  // One after the other: each measurement flushes Redis first.
  const queueBoth = async () => {
    const errand = await queuedPerJob(
      ctx,
      n,
      `${ERRAND_PREFIX}:email.send:events`,
      () => enqueueErrand(n, { type: 'email.send', payload: PAYLOAD_100B }),
    );
    const raw = await queuedPerJob(
      ctx,
      n,
      `${RAW_PREFIX}:${RAW_QUEUE}:events`,
      () => rawPreload(queue, n, { payload: PAYLOAD_100B, version: 1 }),
    );
    return { errand, raw };
  };
  try {
    const queued = await queueBoth();
    // The setting docker/redis/redis.conf ships: job hashes whose values
    // fit stay listpacks instead of becoming hash tables.
    const was = await ctx.probe.setConfig(
      'hash-max-listpack-value',
      LISTPACK_VALUE,
    );
    const listpack = await queueBoth().finally(() =>
      ctx.probe.setConfig('hash-max-listpack-value', was),
    );

    const errandFinished = await perJob(ctx, retained, async () => {
      await enqueueErrand(retained, { type: 'system.noop', payload: {} });
      const worker = await ctx.startWorker();
      await untilDrained(ctx, `${ERRAND_PREFIX}:system.noop`);
      await worker.stop();
    });
    const rawFinished = await perJob(ctx, retained, async () => {
      await rawPreload(queue, retained, { payload: {}, version: 1 });
      const worker = await ctx.startBaseline('bullmq');
      await untilDrained(ctx, `${RAW_PREFIX}:${RAW_QUEUE}`);
      await worker.stop();
    });

    const row = (
      metric: string,
      errand: number,
      baseline: number,
      target?: string,
    ): BenchRow => ({
      section: 'memory',
      metric,
      unit: 'bytes',
      errand,
      baselineName: 'raw BullMQ job',
      baseline,
      better: 'lower',
      target,
    });
    return [
      row(
        'Redis per queued job (100-byte payload)',
        queued.errand.all,
        queued.raw.all,
        '≤ 1.1×',
      ),
      row(
        'same, event stream left out (capped per queue, not per job)',
        queued.errand.withoutStream,
        queued.raw.withoutStream,
      ),
      row(
        `same, stream left out, hash-max-listpack-value ${LISTPACK_VALUE} (redis.conf)`,
        listpack.errand.withoutStream,
        listpack.raw.withoutStream,
      ),
      row('Redis per retained finished job', errandFinished, rawFinished),
    ];
  } finally {
    await queue.close();
    await api.stop();
  }
}

/**
 * Redis bytes per queued job that `fill` adds, with and without the
 * queue's event stream: BullMQ trims it to about 10 000 entries, so it is
 * a fixed cost per queue (under a megabyte) that a count of 10 000 jobs
 * spreads over each of them, and a million queued jobs would not.
 */
async function queuedPerJob(
  ctx: BenchContext,
  jobs: number,
  streamKey: string,
  fill: () => Promise<void>,
): Promise<{ all: number; withoutStream: number }> {
  let stream = 0;
  const all = await perJob(ctx, jobs, async () => {
    await fill();
    stream = await ctx.probe.keyMemory(streamKey);
  });
  return { all, withoutStream: Math.round(all - stream / jobs) };
}

/** Redis bytes per job that `fill` adds, on an empty Redis. */
async function perJob(
  ctx: BenchContext,
  jobs: number,
  fill: () => Promise<void>,
): Promise<number> {
  await ctx.probe.flush();
  const before = await ctx.probe.usedMemory();
  await fill();
  const after = await ctx.probe.usedMemory();
  return Math.round((after - before) / jobs);
}

async function untilDrained(
  ctx: BenchContext,
  queueKey: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (
    (await ctx.probe.pending([`${queueKey}:wait`, `${queueKey}:active`])) > 0
  ) {
    if (Date.now() > deadline) throw new Error(`${queueKey} did not drain`);
    await sleep(20);
  }
}
