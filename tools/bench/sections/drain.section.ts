/**
 * 1. Worker drain rate: N no-op jobs preloaded, then one worker process
 * started; the rate is N over the time from its first job taken to the
 * queue empty (process start-up excluded). Errand's worker against a raw
 * BullMQ worker and bee-queue at the same concurrency.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BEE_PREFIX,
  BEE_QUEUE,
  ERRAND_PREFIX,
  RAW_PREFIX,
  RAW_QUEUE,
  type BenchContext,
} from '../bench-context';
import type { BenchRow } from '../bench-row';
import {
  beePreload,
  openRawQueue,
  rawPreload,
} from '../baselines/raw-producer';
import { postJson } from '../http-load';
import type { BenchProcess } from '@errand/local-redis';

/** Results the memory section reuses. */
export interface DrainResult {
  rows: BenchRow[];
  errandWorkerRss: number;
  rawWorkerRss: number;
}

export async function drainSection(ctx: BenchContext): Promise<DrainResult> {
  const n = ctx.settings.drainJobs;

  await ctx.probe.flush();
  const api = await ctx.startApi();
  try {
    const batch = { jobs: Array.from({ length: 1_000 }, () => NOOP) };
    for (let sent = 0; sent < n; sent += 1_000) {
      const jobs = batch.jobs.slice(0, Math.min(1_000, n - sent));
      // A busy machine may answer 503; the drain counts what was stored.
      await postJson(`${api.url}/enqueue/batch`, { jobs }).catch(() =>
        postJson(`${api.url}/enqueue/batch`, { jobs }),
      );
    }
  } finally {
    await api.stop();
  }
  const errand = await timeDrain(ctx, lists(ERRAND_PREFIX, 'system.noop'), () =>
    ctx.startWorker('worker-drain'),
  );

  await ctx.probe.flush();
  const queue = openRawQueue(ctx.redisUrl, RAW_PREFIX, RAW_QUEUE);
  await queue.waitUntilReady();
  await rawPreload(queue, n, {});
  await queue.close();
  const raw = await timeDrain(ctx, lists(RAW_PREFIX, RAW_QUEUE), () =>
    ctx.startBaseline('bullmq', 'bullmq-drain'),
  );

  await ctx.probe.flush();
  await beePreload(ctx.redisUrl, BEE_PREFIX, BEE_QUEUE, n);
  const bee = await timeDrain(
    ctx,
    [`${BEE_PREFIX}:${BEE_QUEUE}:waiting`, `${BEE_PREFIX}:${BEE_QUEUE}:active`],
    () => ctx.startBaseline('bee'),
  );

  const c = ctx.settings.concurrency;
  const row = (baselineName: string, baseline: number, target: string) => ({
    section: 'drain',
    metric: `one worker process, concurrency ${c}`,
    unit: 'jobs/s',
    errand: errand.perSecond,
    baselineName,
    baseline,
    better: 'higher' as const,
    target,
  });
  const per = (
    metric: string,
    unit: string,
    pick: (run: DrainRun) => number,
  ): BenchRow[] =>
    [
      ['raw BullMQ', raw],
      ['bee-queue', bee],
    ].map(([baselineName, run]) => ({
      section: 'drain',
      metric,
      unit,
      errand: pick(errand),
      baselineName: baselineName as string,
      baseline: pick(run as DrainRun),
      better: 'lower' as const,
    }));
  return {
    rows: [
      row('raw BullMQ', raw.perSecond, '≥ 1.0×'),
      row('bee-queue', bee.perSecond, 'stretch ≥ 1.0×'),
      ...per('worker CPU per job', 'µs', r => r.cpuMicrosPerJob),
      ...per('Redis commands per job', 'calls', r => r.callsPerJob),
    ],
    errandWorkerRss: errand.peakRss,
    rawWorkerRss: raw.peakRss,
  };
}

const NOOP = { type: 'system.noop', payload: {} };

/** What one drain measured. */
interface DrainRun {
  perSecond: number;
  peakRss: number;
  /** Worker CPU per job: steadier than the rate on a busy machine. */
  cpuMicrosPerJob: number;
  /** Redis commands per job, the worker's and its connections'. */
  callsPerJob: number;
  /**
   * Microseconds per job Redis spent in commands (INFO commandstats): a
   * drain of no-op jobs is bound by Redis, one thread, before the worker.
   */
  redisMicrosPerJob: number;
}

/** A BullMQ queue's wait and active lists. */
export function lists(prefix: string, queue: string): string[] {
  return [`${prefix}:${queue}:wait`, `${prefix}:${queue}:active`];
}

/**
 * Starts a worker over `n` preloaded jobs and times the drain by polling
 * the queue's lists every few milliseconds: the same clock for every
 * system, and nothing inside the workers.
 */
export async function timeDrain(
  ctx: BenchContext,
  keys: string[],
  start: () => Promise<BenchProcess>,
): Promise<DrainRun> {
  // What was really stored, not what was sent: a preload that answered
  // 503 may have landed all the same.
  const n = await ctx.probe.pending(keys);
  let first: number | undefined;
  let last: number | undefined;
  let polling = true;
  const deadline = Date.now() + 300_000;
  const poll = (async () => {
    while (polling && Date.now() < deadline) {
      const pending = await ctx.probe.pending(keys);
      const now = performance.now();
      if (first === undefined && pending < n) first = now;
      if (pending === 0) {
        last = now;
        return;
      }
      await sleep(2);
    }
  })();
  const callsBefore = await ctx.probe.commandCalls();
  const redisMicrosBefore = await ctx.probe.commandMicros();
  const worker = await start().catch((error: unknown) => {
    polling = false;
    throw error;
  });
  // CPU per job is counted from here: start-up (module loading) is not
  // part of it, and the jobs still pending are the ones it covers.
  const cpuAtReady = worker.cpuSeconds();
  const pendingAtReady = await ctx.probe.pending(keys);
  try {
    await poll;
    if (first === undefined || last === undefined) {
      throw new Error(`${worker.name} did not drain ${n} jobs in time`);
    }
    const cpu = worker.cpuSeconds() - cpuAtReady;
    return {
      perSecond: n / Math.max(0.001, (last - first) / 1_000),
      peakRss: worker.peakRss(),
      cpuMicrosPerJob:
        pendingAtReady > 0 ? (cpu * 1e6) / pendingAtReady : Number.NaN,
      callsPerJob: ((await ctx.probe.commandCalls()) - callsBefore) / n,
      redisMicrosPerJob:
        ((await ctx.probe.commandMicros()) - redisMicrosBefore) / n,
    };
  } finally {
    polling = false;
    await worker.stop();
  }
}
