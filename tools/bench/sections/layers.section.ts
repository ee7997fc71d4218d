/**
 * 6. Where the worker's CPU per job goes: the drain of section 1 repeated
 * with one layer of Errand's worker added at a time (see
 * baselines/layer-worker.ts), each in its own process, the median of a few
 * runs. Each row is a layer's CPU per job against raw BullMQ's in the same
 * run; the step from one row to the next is what that layer costs.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchContext } from '../bench-context';
import type { BenchRow } from '../bench-row';
import { ROOT } from '@errand/local-redis';

const run = promisify(execFile);

/** Each layer and what it adds to the one before. */
const LAYERS = [
  ['raw', 'raw BullMQ worker, raw jobs'],
  ['shape', "+ Errand's stored job and worker options"],
  ['processor', "+ Errand's processor around a no-op handler"],
  ['consumer', '+ startConsumer (stall sweep, cancel subscriber)'],
  ['app', '+ the worker app (Prometheus hooks, logging, health server)'],
] as const;

async function cpuPerJob(ctx: BenchContext, layer: string): Promise<number> {
  await ctx.probe.flush();
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'tools/bench/baselines/layer-worker.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: ctx.redisUrl,
        LAYER: layer,
        JOBS: String(ctx.settings.drainJobs),
        CONCURRENCY: String(ctx.settings.concurrency),
        WORKER_MAIN: ctx.entryOf('worker'),
      },
      timeout: 120_000,
    },
  );
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  return (JSON.parse(last) as { cpuUsPerJob: number }).cpuUsPerJob;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function layersSection(ctx: BenchContext): Promise<BenchRow[]> {
  const samples = new Map<string, number[]>(LAYERS.map(([l]) => [l, []]));
  // Interleaved, so that a busy moment of the machine spreads over layers.
  for (let round = 0; round < ctx.settings.layerRuns; round += 1) {
    for (const [layer] of LAYERS) {
      samples.get(layer)?.push(await cpuPerJob(ctx, layer));
    }
  }
  const raw = median(samples.get('raw') ?? []);
  return LAYERS.map(([layer, what]) => ({
    section: 'layers',
    metric: `worker CPU per job: ${what}`,
    unit: 'µs',
    errand: median(samples.get(layer) ?? []),
    baselineName: 'raw BullMQ',
    baseline: raw,
    better: 'lower',
  }));
}
