/**
 * 5. Redis memory per job, from `INFO memory` before and after: per queued
 * job with a 100-byte payload (`email.send`, no worker), and per retained
 * finished job (no-op jobs run to completion and kept by the retention
 * rule, at most 1 000 per type). Each against raw BullMQ jobs with the same
 * data and retention. The deltas include the queue's event stream entries,
 * which BullMQ caps at about 10 000 per queue.
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
export const PAYLOAD_100B = {
  to: 'user@example.com',
  subject: 'Your weekly report is ready',
  text: 'Hello! Open the app to read it.',
};

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
  try {
    const errandQueued = await perJob(ctx, n, () =>
      enqueueErrand(n, { type: 'email.send', payload: PAYLOAD_100B }),
    );
    const rawQueued = await perJob(ctx, n, () =>
      rawPreload(queue, n, { payload: PAYLOAD_100B, version: 1 }),
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
        errandQueued,
        rawQueued,
        '≤ 700 B',
      ),
      row('Redis per retained finished job', errandFinished, rawFinished),
    ];
  } finally {
    await queue.close();
    await api.stop();
  }
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
