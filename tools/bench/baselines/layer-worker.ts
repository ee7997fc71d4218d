/**
 * One layer of the worker, alone in its own process, for the layers
 * section: it preloads JOBS no-op jobs, drains them with one worker at
 * CONCURRENCY and prints its CPU time per job as a JSON line. Each layer
 * adds one of Errand's parts to the one before:
 * - `raw`: a raw BullMQ `Worker` with a no-op processor, raw jobs (the
 *   drain section's baseline);
 * - `shape`: Errand's stored job instead (its options from `jobOptionsFor`,
 *   a UUID id, the envelope with a `traceparent`), and the worker options
 *   Errand sets (per-minute metrics, the backoff strategy);
 * - `processor`: Errand's processor (decode, validate, timeout, cancel
 *   registry, span id, settle) around a no-op handler;
 * - `consumer`: `startConsumer` itself (its stall sweeper and cancel
 *   subscriber);
 * - `app`: the worker app itself (its Prometheus hooks, logging and health
 *   server), started as its own process on the paused queue: its CPU is
 *   read from /proc from the moment the queue resumes. An app is no lib, so
 *   the bench runs it rather than importing its parts.
 *
 * The inner layers come through queue-core's declared bench door
 * (`@errand/queue-core/bench`), not by path into its sources.
 *
 * Env: REDIS_URL, LAYER, JOBS, CONCURRENCY, WORKER_MAIN (the `app` layer's
 * entry, source or bundle). Run with `--expose-gc`, so the preload's
 * garbage is collected before the clock starts.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MetricsTime, Queue, Worker, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import { jobCatalog } from '@errand/contracts';
import { findFreePort, startProcess } from '@errand/local-redis';
import {
  createJobProcessor,
  InFlightJobs,
  jobOptionsFor,
  startConsumer,
} from '@errand/queue-core/bench';
import { testHandlers } from '@errand/queue-core/testing';
import { WORKER_NODE_FLAGS } from '../bench-context';
import { RAW_OPTIONS } from './raw-producer';
import { RedisProbe } from './redis-probe';

type Layer = 'raw' | 'shape' | 'processor' | 'consumer' | 'app';

/** A layer at work: its CPU time since the clock started, and its stop. */
interface RunningLayer {
  cpuUs(): number;
  stop(): Promise<unknown>;
}

const PREFIX = 'layer';
const TYPE = 'system.noop';
const TRACEPARENT = '00-2e1b7f5c5ba7d885aeefbc345bf1a117-d2d176eed481487a-01';

// `system.noop` completes at once, as the worker app's does.
const noopHandlers = testHandlers();

async function preload(url: string, layer: Layer, jobs: number) {
  const queue = new Queue(TYPE, { connection: { url }, prefix: PREFIX });
  const now = Date.now();
  for (let sent = 0; sent < jobs; sent += 1_000) {
    const bulk = Array.from({ length: Math.min(1_000, jobs - sent) }, () =>
      layer === 'raw'
        ? { name: TYPE, data: { payload: {}, version: 1 }, opts: RAW_OPTIONS }
        : {
            name: TYPE,
            data: { payload: {}, version: 1, traceparent: TRACEPARENT },
            opts: jobOptionsFor(randomUUID(), { type: TYPE, payload: {} }, now),
          },
    );
    await queue.addBulk(bulk);
  }
  await queue.close();
}

/** This process's CPU time in µs since `since`. */
function ownCpuUs(since: NodeJS.CpuUsage): number {
  const cpu = process.cpuUsage(since);
  return cpu.user + cpu.system;
}

/**
 * The worker app on the preloaded queue: paused while the app starts, so
 * its start-up stays off the clock, which starts at the resume.
 */
async function startApp(
  url: string,
  concurrency: number,
): Promise<RunningLayer> {
  const queue = new Queue(TYPE, { connection: { url }, prefix: PREFIX });
  await queue.pause();
  const port = await findFreePort();
  const app = await startProcess('worker', {
    main: process.env.WORKER_MAIN ?? 'apps/worker/src/main.ts',
    env: {
      REDIS_URL: url,
      QUEUE_PREFIX: PREFIX,
      LOG_LEVEL: 'info',
      METRICS_PORT: String(port),
      WORKER_CONCURRENCY: String(concurrency),
      WORKER_TYPES: TYPE,
      SHUTDOWN_GRACE_MS: '2000',
    },
    nodeFlags: WORKER_NODE_FLAGS,
    readyUrl: `http://127.0.0.1:${port}/healthz`,
  });
  const before = app.cpuSeconds();
  await queue.resume();
  await queue.close();
  return {
    cpuUs: () => (app.cpuSeconds() - before) * 1e6,
    stop: () => app.stop(),
  };
}

async function startLayer(
  url: string,
  layer: Layer,
  concurrency: number,
): Promise<RunningLayer> {
  if (layer === 'app') return startApp(url, concurrency);
  const since = process.cpuUsage();
  if (layer === 'consumer') {
    const consumer = startConsumer({
      redisUrl: url,
      prefix: PREFIX,
      types: [TYPE],
      concurrency,
      handlers: noopHandlers,
    });
    return { cpuUs: () => ownCpuUs(since), stop: () => consumer.close(1_000) };
  }
  const processor: Processor =
    layer === 'processor'
      ? (createJobProcessor(noopHandlers, {
          catalog: jobCatalog,
          hooks: {},
          inFlight: new InFlightJobs(),
          // Only a cancelled job needs the store; none is cancelled here.
          store: undefined as never,
          workerName: 'layer-worker',
        }) as Processor)
      : async () => undefined;
  const worker = new Worker(TYPE, processor, {
    connection: new Redis(url, { maxRetriesPerRequest: null }),
    prefix: PREFIX,
    concurrency,
    ...(layer !== 'raw' && {
      metrics: { maxDataPoints: MetricsTime.ONE_HOUR * 2 },
      settings: { backoffStrategy: () => 1_000 },
    }),
  });
  return { cpuUs: () => ownCpuUs(since), stop: () => worker.close() };
}

async function main() {
  const url = process.env.REDIS_URL ?? '';
  const layer = (process.env.LAYER ?? 'raw') as Layer;
  const jobs = Number(process.env.JOBS ?? 20_000);
  await preload(url, layer, jobs);
  (globalThis as { gc?: () => void }).gc?.();
  const probe = new RedisProbe(url);
  const lists = ['wait', 'active'].map(list => `${PREFIX}:${TYPE}:${list}`);
  const running = await startLayer(
    url,
    layer,
    Number(process.env.CONCURRENCY ?? 50),
  );
  do await sleep(20);
  while ((await probe.pending(lists)) > 0);
  console.log(JSON.stringify({ cpuUsPerJob: running.cpuUs() / jobs }));
  await running.stop();
  await probe.close();
  process.exit(0);
}

void main();
