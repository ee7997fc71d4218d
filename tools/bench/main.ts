/**
 * `npm run bench [-- --quick] [-- --profile]`: Errand against raw BullMQ
 * and bee-queue, in one run, on one private Redis (AOF off).
 * 1. drain: one worker process over preloaded no-op jobs;
 * 2. enqueue: `POST /enqueue` under autocannon vs in-process `Queue.add`
 *    and vs the bare Express + `Queue.add` service (baselines/bare-service.ts);
 * 3. batch: `POST /enqueue/batch` vs `addBulk`;
 * 4. latency: acknowledgement → worker start at fixed rates;
 * 5. memory: Redis bytes per queued and per finished job, and RSS;
 * 6. layers: the worker's CPU per job with one layer added at a time.
 * 8. flows: `POST /flows` of 1 parent + 1 000 children vs raw
 *    `FlowProducer.add`, and the wait from a flow's last child to its parent.
 * Prints a table (errand, baseline, ratio) and writes JSON to
 * `reports/bench/`. `--profile` runs the worker (drain) and the API
 * (enqueue) under `node --cpu-prof`, writing to `reports/bench/profiles/`;
 * profiled figures are slower, so compare only unprofiled runs.
 * The apps run from source (`node --import tsx`, as `npm start` does);
 * `--dist` runs the built bundles (`npm run build` first) instead.
 * `--only=drain,enqueue` runs only those sections (drain, enqueue, latency,
 * memory, layers, flow, flows). `--node 24` runs it all under Node 24 (run-under-node.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '@errand/local-redis';
import { BenchUsageError, parseBenchArgs } from './bench-args';
import { BenchContext } from './bench-context';
import { ratioOf, type BenchRow } from './bench-row';
import { FULL, QUICK } from './bench-settings';
import { ROOT } from '@errand/local-redis';
import { toMarkdownTable, writeReport } from './report';
import { runUnderNode } from './run-under-node';
import { drainSection } from './sections/drain.section';
import { flowSection } from './sections/flow.section';
import { flowsSection } from './sections/flows.section';
import { enqueueSection } from './sections/enqueue.section';
import { latencySection } from './sections/latency.section';
import { layersSection } from './sections/layers.section';
import { memorySection } from './sections/memory.section';

const MB = 1_024 * 1_024;

async function main(): Promise<void> {
  const { quick, profile, fromDist, runs, node, rest } = parseBenchArgs(
    process.argv.slice(2),
  );
  if (node && process.versions.node.split('.')[0] !== node) {
    process.exit(runUnderNode(node, rest));
  }
  const settings = quick ? QUICK : FULL;
  const outDir = join(ROOT, 'reports/bench');
  const startedAt = new Date().toISOString();
  const began = performance.now();

  const redis = await startRedisServer({ persistence: 'none' });
  const ctx = new BenchContext(
    settings,
    redis.url,
    profile ? join(outDir, 'profiles') : undefined,
    fromDist,
  );
  const rows: BenchRow[] = [];
  /** Says which section starts, and when; passes the context on. */
  const step = (context: BenchContext, name: string) => {
    const at = ((performance.now() - began) / 1_000).toFixed(1);
    console.error(`bench: ${name} (${at} s)`);
    return context;
  };
  try {
    const drain = runs('drain')
      ? await drainSection(step(ctx, 'drain'))
      : undefined;
    rows.push(...(drain?.rows ?? []));
    const enqueue = runs('enqueue')
      ? await enqueueSection(step(ctx, 'enqueue and batch'))
      : undefined;
    rows.push(...(enqueue?.rows ?? []));
    if (runs('latency'))
      rows.push(...(await latencySection(step(ctx, 'latency'))));
    if (runs('memory'))
      rows.push(...(await memorySection(step(ctx, 'memory'))));
    if (runs('layers'))
      rows.push(...(await layersSection(step(ctx, 'worker layers'))));
    if (runs('flow'))
      rows.push(...(await flowSection(step(ctx, 'flow control'))));
    if (runs('flows')) rows.push(...(await flowsSection(step(ctx, 'flows'))));
    if (drain) {
      rows.push({
        section: 'rss',
        metric: `worker peak RSS, concurrency ${settings.concurrency}`,
        unit: 'MB',
        errand: drain.errandWorkerRss / MB,
        baselineName: 'raw BullMQ worker',
        baseline: drain.rawWorkerRss / MB,
        better: 'lower',
        target: '≤ 120 MB',
      });
    }
    if (enqueue) {
      rows.push({
        section: 'rss',
        metric: `API peak RSS under the ${Math.max(...settings.connections)}-connection load`,
        unit: 'MB',
        errand: enqueue.apiRss / MB,
        baselineName: 'bare service (from source)',
        baseline: enqueue.bareRss / MB,
        better: 'lower',
        target: '≤ 150 MB',
      });
    }
  } finally {
    await ctx.probe.close().catch(() => undefined);
    await redis.stop();
  }

  const seconds = (performance.now() - began) / 1_000;
  console.log(
    `\nErrand bench (${quick ? 'quick' : 'full'}${profile ? ', profiled' : ''}, apps from ${fromDist ? 'dist bundles' : 'source'}), ${seconds.toFixed(0)} s, ${cpus().length} CPUs, Node ${process.versions.node}, ratio = Errand / baseline\n`,
  );
  console.log(toMarkdownTable(rows));
  const file = writeReport(outDir, {
    startedAt,
    mode: quick ? 'quick' : 'full',
    profiled: profile,
    apps: fromDist ? 'dist bundles' : 'source (node --import tsx)',
    machine: {
      cpus: cpus().length,
      node: process.version,
      redis: redisVersion(),
    },
    settings,
    rows: rows.map(row => {
      const ratio = ratioOf(row);
      return {
        ...row,
        baseline: Number.isFinite(row.baseline) ? row.baseline : 0,
        ratio: Number.isFinite(ratio) ? ratio : null,
      };
    }),
  });
  console.log(`\nJSON: ${file}`);
}

function redisVersion(): string {
  try {
    return execFileSync('redis-server', ['--version']).toString().trim();
  } catch {
    return 'unknown';
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof BenchUsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error('bench failed:', error);
    process.exit(1);
  },
);
