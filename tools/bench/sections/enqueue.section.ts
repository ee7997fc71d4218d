/**
 * 2. HTTP enqueue: `POST /enqueue` of a no-op job under autocannon at each
 * connection count, against raw `Queue.add` called in-process by as many
 * concurrent loops. No worker runs: only the producer path is measured.
 * At the most connections, also against the bare service (issue #20's
 * baseline, `baselines/bare-service.ts`): Express, `express.json()` and one
 * `Queue.add`, its own process on the same Redis, under the same load
 * right after Errand's.
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
import { postJson, postLoad, type HttpLoadResult } from '../http-load';
import type { BenchProcess } from '@errand/local-redis';

/** Results the memory section reuses. */
export interface EnqueueResult {
  rows: BenchRow[];
  apiRss: number;
  /** The bare service's peak RSS under the same load. */
  bareRss: number;
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
  const bare = await ctx.startBareService('bare-enqueue').catch(async e => {
    await api.stop();
    throw e;
  });
  const most = Math.max(...connections);
  try {
    // Warm-up: JIT, connection pools and lazily opened queues.
    await postLoad(`${api.url}/enqueue`, NOOP, 10, 1);
    await postLoad(`${bare.url}/enqueue`, NOOP, 10, 1);
    await ctx.probe.flush();
    for (const c of connections) {
      const errand = await loadOnce(ctx, api, c);
      const { http, cpuMicros: apiMicros } = errand;
      await ctx.probe.flush();
      if (c === most) rows.push(...(await againstBare(ctx, bare, c, errand)));
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
      target: '≥ 0.9×',
    });
    return { rows, apiRss: api.peakRss(), bareRss: bare.peakRss() };
  } finally {
    await bare.stop();
    await api.stop();
    await queue.close();
  }
}

/** One load run of an HTTP service, with its CPU and Redis's per request. */
interface ServiceLoad {
  http: HttpLoadResult;
  cpuMicros: number;
  redisCalls: number;
  redisMicros: number;
}

async function loadOnce(
  ctx: BenchContext,
  service: BenchProcess & { url: string },
  c: number,
): Promise<ServiceLoad> {
  const cpu = service.cpuSeconds();
  const calls = await ctx.probe.commandCalls();
  const micros = await ctx.probe.commandMicros();
  const http = await postLoad(
    `${service.url}/enqueue`,
    NOOP,
    c,
    ctx.settings.enqueueSeconds,
  );
  const per = (n: number) => n / Math.max(1, http.total);
  return {
    http,
    cpuMicros: per((service.cpuSeconds() - cpu) * 1e6),
    redisCalls: per((await ctx.probe.commandCalls()) - calls),
    redisMicros: per((await ctx.probe.commandMicros()) - micros),
  };
}

/**
 * The bare service under the load Errand's API just had: requests/s, p99,
 * its CPU and Redis's per request, the rows issue #20's enqueue targets
 * are read from.
 */
async function againstBare(
  ctx: BenchContext,
  bare: BenchProcess & { url: string },
  c: number,
  errand: ServiceLoad,
): Promise<BenchRow[]> {
  const theirs = await loadOnce(ctx, bare, c);
  await ctx.probe.flush();
  const row = (
    metric: string,
    unit: string,
    pick: (load: ServiceLoad) => number,
    better: 'higher' | 'lower',
    target?: string,
  ): BenchRow => ({
    section: 'enqueue',
    metric: `${c} conn: ${metric}`,
    unit,
    errand: pick(errand),
    baselineName: 'bare service',
    baseline: pick(theirs),
    better,
    ...(target && { target }),
  });
  return [
    row('requests/s', 'req/s', l => l.http.perSecond, 'higher', '≥ 0.9×'),
    row('p99', 'ms', l => l.http.p99, 'lower', '≤ 20 ms'),
    row('CPU per request', 'µs', l => l.cpuMicros, 'lower'),
    row('Redis commands per request', 'calls', l => l.redisCalls, 'lower'),
    row('Redis time per request', 'µs', l => l.redisMicros, 'lower'),
    row('errors', 'count', l => l.http.errors, 'lower'),
  ];
}
