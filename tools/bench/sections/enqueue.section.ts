/**
 * 2. HTTP enqueue: `POST /enqueue` of a no-op job under autocannon at each
 * connection count, against raw `Queue.add` called in-process by as many
 * concurrent loops. No worker runs: only the producer path is measured.
 * 3. The batch endpoint: `POST /enqueue/batch` of full batches, one at a
 * time, against raw `addBulk` of the same size.
 */
import { RAW_PREFIX, RAW_QUEUE, type BenchContext } from '../bench-context';
import type { BenchRow } from '../bench-row';
import {
  closedLoop,
  openRawQueue,
  rawAdd,
  rawAddBulk,
} from '../baselines/raw-producer';
import { postJson, postLoad } from '../http-load';

/** Results the memory section reuses. */
export interface EnqueueResult {
  rows: BenchRow[];
  apiRss: number;
}

const NOOP = { type: 'system.noop', payload: {} };

export async function enqueueSection(
  ctx: BenchContext,
): Promise<EnqueueResult> {
  const { connections, enqueueSeconds, batchSize, batches } = ctx.settings;
  const rows: BenchRow[] = [];
  const queue = openRawQueue(ctx.redisUrl, RAW_PREFIX, RAW_QUEUE);
  await queue.waitUntilReady();
  await ctx.probe.flush();
  const api = await ctx.startApi('api-enqueue');
  try {
    // Warm-up: JIT, connection pools and lazily opened queues.
    await postLoad(`${api.url}/enqueue`, NOOP, 10, 1);
    await ctx.probe.flush();
    for (const c of connections) {
      const apiCpu = api.cpuSeconds();
      const http = await postLoad(
        `${api.url}/enqueue`,
        NOOP,
        c,
        enqueueSeconds,
      );
      const apiMicros = ((api.cpuSeconds() - apiCpu) * 1e6) / http.total;
      await ctx.probe.flush();
      const benchCpu = process.cpuUsage();
      const raw = await closedLoop(c, enqueueSeconds * 1_000, rawAdd(queue));
      const used = process.cpuUsage(benchCpu);
      const rawMicros =
        (used.user + used.system) / (raw.perSecond * enqueueSeconds);
      await ctx.probe.flush();
      const section = 'enqueue';
      const vs = 'raw Queue.add';
      rows.push(
        {
          section,
          metric: `${c} conn: requests/s`,
          unit: 'req/s',
          errand: http.perSecond,
          baselineName: vs,
          baseline: raw.perSecond,
          better: 'higher',
          target: c === 50 ? '≥ 4 000 and ≥ 0.6×' : undefined,
        },
        {
          section,
          metric: `${c} conn: p50`,
          unit: 'ms',
          errand: http.p50,
          baselineName: vs,
          baseline: raw.latency.percentile(50),
          better: 'lower',
        },
        {
          section,
          metric: `${c} conn: p99`,
          unit: 'ms',
          errand: http.p99,
          baselineName: vs,
          baseline: raw.latency.percentile(99),
          better: 'lower',
          target: c === 50 ? '≤ 20 ms' : undefined,
        },
        {
          section,
          metric: `${c} conn: CPU per enqueue (API process vs in-process)`,
          unit: 'µs',
          errand: apiMicros,
          baselineName: vs,
          baseline: rawMicros,
          better: 'lower',
        },
        {
          section,
          metric: `${c} conn: errors`,
          unit: 'count',
          errand: http.errors,
          baselineName: vs,
          baseline: raw.errors,
          better: 'lower',
        },
      );
    }

    const body = { jobs: Array.from({ length: batchSize }, () => NOOP) };
    const url = `${api.url}/enqueue/batch`;
    const timeBatches = async (send: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < batches; i++) await send();
      return (batches * batchSize) / ((performance.now() - started) / 1_000);
    };
    await ctx.probe.flush();
    const batchRate = await timeBatches(() => postJson(url, body));
    await ctx.probe.flush();
    const bulkRate = await timeBatches(rawAddBulk(queue, batchSize));
    await ctx.probe.flush();
    rows.push({
      section: 'batch',
      metric: `POST /enqueue/batch of ${batchSize}`,
      unit: 'jobs/s',
      errand: batchRate,
      baselineName: `raw addBulk of ${batchSize}`,
      baseline: bulkRate,
      better: 'higher',
      target: '≥ 0.8×',
    });
    return { rows, apiRss: api.peakRss() };
  } finally {
    await api.stop();
    await queue.close();
  }
}
