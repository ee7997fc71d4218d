/**
 * The flows section's first part: `POST /flows` of the tree (plain, and
 * under an `Idempotency-Key`) against raw `FlowProducer.add` of it, in
 * rounds: each round times one of each, in an order rotated every round,
 * Redis emptied after each; medians compared. No worker runs.
 */
import type { BenchProcess } from '@errand/local-redis';
import type { BenchContext } from '../bench-context';
import type { BenchRow } from '../bench-row';
import { Histogram } from '../histogram';
import type { FlowSender } from './flow-senders';

/** What the rounds measured of one way of storing the flow. */
interface StoreTimes {
  ms: Histogram;
  /** CPU per flow: the API process's, or the bench process's for raw. */
  cpuMs: number;
  /** Redis's time in commands per flow. */
  redisMs: number;
  /** Stores that failed (a loaded API may answer 503): not timed. */
  failed: number;
}

type Way = 'plain' | 'keyed' | 'raw';
const WAYS: readonly Way[] = ['plain', 'keyed', 'raw'];

/**
 * Times each way `flowTreeRounds` times, alternated; means of CPU and Redis
 * over the stores that succeeded. A failed store is counted, not thrown:
 * a loaded CI machine must still print the table.
 */
export async function timeStores(
  ctx: BenchContext,
  api: BenchProcess,
  senders: Record<Way, FlowSender>,
): Promise<Record<Way, StoreTimes>> {
  // Warm-up, not measured: JIT, the API's lazily opened queues and scripts.
  for (let i = 0; i < 2; i += 1) {
    for (const way of WAYS) await senders[way].send().catch(() => undefined);
  }
  await ctx.probe.flush();
  const times = Object.fromEntries(
    WAYS.map(way => [
      way,
      { ms: new Histogram(), cpuMs: 0, redisMs: 0, failed: 0 },
    ]),
  ) as Record<Way, StoreTimes>;
  const timeOne = async (way: Way) => {
    const redisMicros = await ctx.probe.commandMicros();
    const apiCpu = api.cpuSeconds();
    const benchCpu = process.cpuUsage();
    const started = performance.now();
    const stored = await senders[way].send().then(
      () => true,
      () => false,
    );
    const ms = performance.now() - started;
    const used = process.cpuUsage(benchCpu);
    const into = times[way];
    if (!stored) {
      into.failed += 1;
      await ctx.probe.flush();
      return;
    }
    into.redisMs += ((await ctx.probe.commandMicros()) - redisMicros) / 1e3;
    into.ms.record(ms);
    into.cpuMs +=
      way === 'raw'
        ? (used.user + used.system) / 1e3
        : (api.cpuSeconds() - apiCpu) * 1e3;
    await ctx.probe.flush();
  };
  const { flowTreeRounds } = ctx.settings;
  for (let round = 0; round < flowTreeRounds; round += 1) {
    const shift = round % WAYS.length;
    for (const way of [...WAYS.slice(shift), ...WAYS.slice(0, shift)]) {
      await timeOne(way);
    }
  }
  for (const way of WAYS) {
    const stored = Math.max(1, times[way].ms.count);
    times[way].cpuMs /= stored;
    times[way].redisMs /= stored;
  }
  return times;
}

export function storeRows(
  children: number,
  store: Record<Way, StoreTimes>,
): BenchRow[] {
  const nodes = children + 1;
  const perSecond = (h: Histogram) => nodes / (h.percentile(50) / 1_000);
  const shape = `1 parent + ${children.toLocaleString('en-US')} children`;
  const row = (
    metric: string,
    unit: string,
    pick: (times: StoreTimes) => number,
    better: 'higher' | 'lower',
    way: Way = 'plain',
    target?: string,
  ): BenchRow => ({
    section: 'flows',
    metric,
    unit,
    errand: pick(store[way]),
    baselineName: 'raw FlowProducer.add',
    baseline: pick(store.raw),
    better,
    ...(target && { target }),
  });
  return [
    row(
      `POST /flows of ${shape}, median`,
      'nodes/s',
      t => perSecond(t.ms),
      'higher',
      'plain',
      '≥ 0.8×',
    ),
    row('time per flow, median', 'ms', t => t.ms.percentile(50), 'lower'),
    row(
      'time per flow, slowest round',
      'ms',
      t => t.ms.percentile(100),
      'lower',
    ),
    row(
      'CPU per flow (API process vs in-process)',
      'ms',
      t => t.cpuMs,
      'lower',
    ),
    row(
      'Redis time per flow (INFO commandstats)',
      'ms',
      t => t.redisMs,
      'lower',
    ),
    row(
      'the same POST with an Idempotency-Key, median',
      'nodes/s',
      t => perSecond(t.ms),
      'higher',
      'keyed',
    ),
    row(
      'CPU per flow with an Idempotency-Key',
      'ms',
      t => t.cpuMs,
      'lower',
      'keyed',
    ),
    {
      ...row('failed stores, plain and keyed', 'count', t => t.failed, 'lower'),
      errand: store.plain.failed + store.keyed.failed,
    },
  ];
}
