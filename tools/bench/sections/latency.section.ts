/**
 * 4. End-to-end latency at a fixed rate: from the producer getting its
 * acknowledgement (the API's 202, or `Queue.add` resolving) to a worker
 * taking the job, read from the queue's `active` events (see
 * `watchStarts`). Errand's API and worker against raw `Queue.add` and a
 * raw BullMQ worker. Times are whole milliseconds (the event stream's
 * clock), and may be 0 or negative: a worker can take a job before the
 * 202 has reached the producer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ERRAND_PREFIX,
  RAW_PREFIX,
  RAW_QUEUE,
  type BenchContext,
} from '../bench-context';
import type { BenchRow } from '../bench-row';
import { openRawQueue, RAW_OPTIONS } from '../baselines/raw-producer';
import { watchStarts, type StartWatch } from '../baselines/redis-probe';
import { Histogram, type LatencySummary } from '../histogram';
import { fixedRate, postJson } from '../http-load';

const NOOP = { type: 'system.noop', payload: {} };

/** When one job was sent and when its acknowledgement came back. */
interface Sent {
  sentAt: number;
  ackedAt: number;
}

/**
 * A run's latencies, and the jobs left out of them: enqueues that failed
 * and jobs not seen starting within 10 s of the last send.
 */
interface RunLatency {
  /** Acknowledgement → start: the queue's own share of the wait. */
  ack: LatencySummary;
  /**
   * Request sent → start: includes the enqueue itself; never negative.
   * What issue #20's latency target is about.
   */
  sent: LatencySummary;
  errors: number;
}

export async function latencySection(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const durationMs = ctx.settings.rateSeconds * 1_000;
  const { rates } = ctx.settings;
  await ctx.probe.flush();
  const errandRuns = await errandLatency(ctx, rates, durationMs);
  await ctx.probe.flush();
  const rawRuns = await rawLatency(ctx, rates, durationMs);
  rates.forEach((rate, i) => {
    const errand = errandRuns[i];
    const raw = rawRuns[i];
    const row = (
      metric: string,
      unit: string,
      pick: (run: RunLatency) => number,
      target?: string,
    ): BenchRow => ({
      section: 'latency',
      metric: `${rate} jobs/s: ${metric}`,
      unit,
      errand: pick(errand),
      baselineName: 'raw Queue.add + Worker',
      baseline: pick(raw),
      better: 'lower',
      target,
    });
    const lowest = rate === rates[0];
    rows.push(
      row('ack → start p50', 'ms', r => r.ack.p50),
      row('ack → start p95', 'ms', r => r.ack.p95),
      row('ack → start p99', 'ms', r => r.ack.p99),
      row('ack → start max', 'ms', r => r.ack.max),
      row('send → start p50', 'ms', r => r.sent.p50),
      // Issue #20: the p99 at the high rate at most twice the low rate's.
      row(
        'send → start p99',
        'ms',
        r => r.sent.p99,
        lowest ? undefined : `≤ 2× the ${rates[0]}/s p99`,
      ),
      row('failed or not started', 'count', r => r.errors),
    );
  });
  return rows;
}

/**
 * Sends at each rate in turn through `enqueue`, which resolves the job's id
 * once acknowledged, and pairs the acknowledgements with the starts seen.
 */
async function atRates(
  rates: readonly number[],
  durationMs: number,
  watch: StartWatch,
  enqueue: () => Promise<string>,
): Promise<RunLatency[]> {
  // Warm-up, not measured: a cold API and worker (JIT, pools) answer the
  // first second an order of magnitude slower.
  await fixedRate(Math.min(...rates), 1_000, () =>
    enqueue().then(
      () => undefined,
      () => undefined,
    ),
  );
  await sleep(500);
  const runs: RunLatency[] = [];
  for (const rate of rates) {
    const acks = new Map<string, Sent>();
    let errors = 0;
    await fixedRate(rate, durationMs, async () => {
      const sentAt = Date.now();
      try {
        const id = await enqueue();
        acks.set(id, { sentAt, ackedAt: Date.now() });
      } catch {
        errors += 1;
      }
    });
    const { unseen, ...measured } = await latencies(acks, watch);
    runs.push({ ...measured, errors: errors + unseen });
  }
  return runs;
}

async function errandLatency(
  ctx: BenchContext,
  rates: readonly number[],
  durationMs: number,
): Promise<RunLatency[]> {
  const api = await ctx.startApi();
  const worker = await ctx.startWorker();
  const watch = await watchStarts(ctx.redisUrl, ERRAND_PREFIX, 'system.noop');
  try {
    const enqueue = async () =>
      (await postJson<{ id: string }>(`${api.url}/enqueue`, NOOP)).id;
    await enqueue(); // opens the queue: not part of the measure
    return await atRates(rates, durationMs, watch, enqueue);
  } finally {
    await watch.close();
    await worker.stop();
    await api.stop();
  }
}

async function rawLatency(
  ctx: BenchContext,
  rates: readonly number[],
  durationMs: number,
): Promise<RunLatency[]> {
  const queue = openRawQueue(ctx.redisUrl, RAW_PREFIX, RAW_QUEUE);
  await queue.waitUntilReady();
  const worker = await ctx.startBaseline('bullmq');
  const watch = await watchStarts(ctx.redisUrl, RAW_PREFIX, RAW_QUEUE);
  try {
    return await atRates(rates, durationMs, watch, async () => {
      const job = await queue.add('noop', {}, RAW_OPTIONS);
      return job.id ?? '';
    });
  } finally {
    await watch.close();
    await worker.stop();
    await queue.close();
  }
}

/** Waits (up to 10 s) until every acknowledged job has started. */
async function latencies(
  acks: Map<string, Sent>,
  watch: StartWatch,
): Promise<Omit<RunLatency, 'errors'> & { unseen: number }> {
  const deadline = Date.now() + 10_000;
  while (watch.starts.size < acks.size && Date.now() < deadline) {
    await sleep(20);
  }
  const ack = new Histogram();
  const sent = new Histogram();
  for (const [id, times] of acks) {
    const startedAt = watch.starts.get(id);
    if (startedAt === undefined) continue;
    ack.record(startedAt - times.ackedAt);
    sent.record(startedAt - times.sentAt);
  }
  // A job never seen starting counts as failed rather than ending the run:
  // on a saturated machine the bench must still print its table.
  return {
    ack: ack.summary(),
    sent: sent.summary(),
    unseen: acks.size - ack.count,
  };
}
