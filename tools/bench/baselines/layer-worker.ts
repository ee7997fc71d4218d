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
 * - `metrics`: the worker app's Prometheus hooks.
 * The whole app, with logging and its health server, is the drain section.
 *
 * Env: REDIS_URL, LAYER, JOBS, CONCURRENCY. Run with `--expose-gc`, so
 * the preload's garbage is collected before the clock starts.
 */
/* eslint-disable @nx/enforce-module-boundaries --
 * Measuring the worker one internal layer at a time is this file's whole
 * purpose, so it reaches past the public APIs of queue-core and the worker
 * app; nothing else in tools/ does, and nothing imports this file. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MetricsTime, Queue, Worker, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import { jobCatalog } from '@errand/contracts';
import { testHandlers } from '@errand/queue-core/testing';
import { createWorkerMetrics } from '../../../apps/worker/src/metrics/worker-metrics';
import { InFlightJobs } from '../../../libs/queue-core/src/consumer/in-flight-jobs';
import { createJobProcessor } from '../../../libs/queue-core/src/consumer/process-job';
import { startConsumer } from '../../../libs/queue-core/src/consumer/start-consumer';
import { jobOptionsFor } from '../../../libs/queue-core/src/producer/job-options';
import { RAW_OPTIONS } from './raw-producer';
import { RedisProbe } from './redis-probe';

type Layer = 'raw' | 'shape' | 'processor' | 'consumer' | 'metrics';

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

function startLayer(url: string, layer: Layer, concurrency: number) {
  if (layer === 'consumer' || layer === 'metrics') {
    const metrics = createWorkerMetrics([TYPE]);
    const consumer = startConsumer({
      redisUrl: url,
      prefix: PREFIX,
      types: [TYPE],
      concurrency,
      handlers: noopHandlers,
      hooks:
        layer === 'metrics'
          ? {
              onStarted: type => metrics.started(type),
              onSettled: event => metrics.observe(event),
            }
          : {},
    });
    return () => consumer.close(1_000);
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
  return () => worker.close();
}

async function main() {
  const url = process.env.REDIS_URL ?? '';
  const layer = (process.env.LAYER ?? 'raw') as Layer;
  const jobs = Number(process.env.JOBS ?? 20_000);
  await preload(url, layer, jobs);
  (globalThis as { gc?: () => void }).gc?.();
  const probe = new RedisProbe(url);
  const lists = ['wait', 'active'].map(list => `${PREFIX}:${TYPE}:${list}`);
  const before = process.cpuUsage();
  const stop = startLayer(url, layer, Number(process.env.CONCURRENCY ?? 50));
  do await sleep(20);
  while ((await probe.pending(lists)) > 0);
  const cpu = process.cpuUsage(before);
  console.log(JSON.stringify({ cpuUsPerJob: (cpu.user + cpu.system) / jobs }));
  await stop();
  await probe.close();
  process.exit(0);
}

void main();
