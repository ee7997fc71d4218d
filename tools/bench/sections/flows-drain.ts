/**
 * The flows section's second part: one Errand worker process and one raw
 * BullMQ worker process (one worker per queue, bullmq-flow-worker.ts),
 * both running, each given a flow in turn and left to drain it. From the
 * jobs' recorded times: the wait from the last child's end (its
 * `finishedOn`) to the parent's handler starting (the `startedAt` it
 * returns) and to a worker taking the parent (its `processedOn`), p50 and
 * p99 over the flows; and the children's drain rate. Times are whole ms,
 * each worker's own clock.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startProcess, type BenchProcess } from '@errand/local-redis';
import { RAW_PREFIX, type BenchContext } from '../bench-context';
import type { BenchRow } from '../bench-row';
import { FlowClockReader, type FlowClock } from '../baselines/raw-flow';
import { Histogram } from '../histogram';
import {
  CHILD_TYPE,
  PARENT_TYPE,
  RAW_QUEUES,
  type FlowSender,
} from './flow-senders';

/** What the drains of one system measured, one sample per flow. */
interface DrainTimes {
  /** Last child's end → the parent's handler starting. */
  toStart: Histogram;
  /** Last child's end → a worker taking the parent. */
  toTaken: Histogram;
  /** Children per second, first child's start → last child's end. */
  rate: Histogram;
}

/** The raw BullMQ flow worker process (bullmq-flow-worker.ts). */
function startRawFlowWorker(ctx: BenchContext): Promise<BenchProcess> {
  return startProcess('bullmq-flow', {
    main: 'tools/bench/baselines/bullmq-flow-worker.ts',
    env: {
      REDIS_URL: ctx.redisUrl,
      QUEUE_PREFIX: RAW_PREFIX,
      CHILD_QUEUE: RAW_QUEUES.child,
      PARENT_QUEUE: RAW_QUEUES.parent,
      CONCURRENCY: String(ctx.settings.concurrency),
    },
    readyLine: 'ready',
  });
}

export async function timeDrains(
  ctx: BenchContext,
  errand: FlowSender,
  raw: FlowSender,
): Promise<{ errand: DrainTimes; raw: DrainTimes }> {
  const { flowTreeChildren, flowTreeDrains } = ctx.settings;
  await ctx.probe.flush();
  const clock = new FlowClockReader(ctx.redisUrl);
  // Started together: each start-up is seconds on a loaded machine.
  const started = await Promise.allSettled([
    ctx.startWorker('worker-flows', `${CHILD_TYPE},${PARENT_TYPE}`),
    startRawFlowWorker(ctx),
  ]);
  const [errandWorker, rawWorker] = started.map(result =>
    result.status === 'fulfilled' ? result.value : undefined,
  );
  if (!errandWorker || !rawWorker) {
    await Promise.all([errandWorker?.stop(), rawWorker?.stop()]);
    await clock.close();
    const failed = started.find(result => result.status === 'rejected');
    throw (failed as PromiseRejectedResult).reason;
  }
  const newTimes = (): DrainTimes => ({
    toStart: new Histogram(),
    toTaken: new Histogram(),
    rate: new Histogram(),
  });
  const times = { errand: newTimes(), raw: newTimes() };
  try {
    // One flow each first, not measured: the workers' warm-up.
    await drainOne(clock, errand);
    await drainOne(clock, raw);
    for (let round = 0; round < flowTreeDrains; round += 1) {
      const errandFirst = round % 2 === 0;
      for (const system of errandFirst ? [errand, raw] : [raw, errand]) {
        const flow = await drainOne(clock, system);
        const into = system === errand ? times.errand : times.raw;
        const record = (histogram: Histogram, value: number) => {
          if (Number.isFinite(value)) histogram.record(value);
        };
        record(into.toStart, flow.parentStartedAt - flow.lastChildEndedAt);
        record(into.toTaken, flow.parentTakenAt - flow.lastChildEndedAt);
        record(
          into.rate,
          (flowTreeChildren * 1_000) /
            Math.max(1, flow.lastChildEndedAt - flow.firstChildStartedAt),
        );
      }
    }
    return times;
  } finally {
    await Promise.all([errandWorker.stop(), rawWorker.stop()]);
    await clock.close();
  }
}

/**
 * Stores one flow (a second try if a loaded API refuses the first) and
 * waits, up to 2 min, for its parent to end.
 */
async function drainOne(
  clock: FlowClockReader,
  sender: FlowSender,
): Promise<FlowClock> {
  const { parentKey, childKeys } = await sender
    .send()
    .catch(() => sender.send());
  const deadline = Date.now() + 120_000;
  while ((await clock.finishedOn(parentKey)) === undefined) {
    if (Date.now() > deadline) {
      throw new Error(`flow ${parentKey} did not drain in 2 min`);
    }
    await sleep(5);
  }
  return clock.read(parentKey, childKeys);
}

export function drainRows(
  children: number,
  drain: { errand: DrainTimes; raw: DrainTimes },
): BenchRow[] {
  const row = (
    metric: string,
    unit: string,
    pick: (times: DrainTimes) => number,
    better: 'higher' | 'lower',
  ): BenchRow => ({
    section: 'flows',
    metric,
    unit,
    errand: pick(drain.errand),
    baselineName: 'raw FlowProducer.add + Worker',
    baseline: pick(drain.raw),
    better,
  });
  const of = `of ${drain.errand.toStart.count} flows`;
  return [
    row(
      `drain: last child's end → parent's handler starts, p50 ${of}`,
      'ms',
      t => t.toStart.percentile(50),
      'lower',
    ),
    row(
      `drain: last child's end → parent's handler starts, p99 ${of}`,
      'ms',
      t => t.toStart.percentile(99),
      'lower',
    ),
    row(
      `drain: last child's end → parent taken, p50 ${of}`,
      'ms',
      t => t.toTaken.percentile(50),
      'lower',
    ),
    row(
      `drain: last child's end → parent taken, p99 ${of}`,
      'ms',
      t => t.toTaken.percentile(99),
      'lower',
    ),
    row(
      `drain: ${children.toLocaleString('en-US')} children of a flow, median`,
      'jobs/s',
      t => t.rate.percentile(50),
      'higher',
    ),
  ];
}
