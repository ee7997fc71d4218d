/**
 * 7. Flow control's cost: the drain rate of one worker process over N
 * no-op jobs, each with one of 100 concurrency keys, under a rate limit
 * and a per-key cap both set too high to bite, against the same number of
 * plain jobs with no limits, in the same run (the issue's bound: the
 * limits cost at most 10 %). Both drains are timed as drain.section.ts
 * times them, in alternating rounds (limits first, then none first, …),
 * and the median of the rounds' ratios is judged (flow-rounds.ts): one
 * pair of drains swings more than the bound on a busy machine. Prints
 * whether the bound is met.
 */
import type { JobTypeLimits } from '@errand/contracts';
import { ERRAND_PREFIX, type BenchContext } from '../bench-context';
import type { BenchRow } from '../bench-row';
import { postJson } from '../http-load';
import { lists, timeDrain } from './drain.section';
import {
  describeVerdict,
  judgeFlowRounds,
  type FlowDrain,
  type FlowRound,
} from './flow-rounds';

const KEYS = 100;
/** The issue's bound: the limits cost at most 10 % of the drain rate. */
const MAX_COST = 0.1;
/** Limits that never bite here: a million a second, a million per key. */
const TOO_HIGH: JobTypeLimits = {
  rateLimit: { max: 1_000_000, durationMs: 1_000 },
  maxConcurrent: null,
  perKeyConcurrency: 1_000_000,
};
const OFF: JobTypeLimits = {
  rateLimit: null,
  maxConcurrent: null,
  perKeyConcurrency: null,
};

async function preload(
  ctx: BenchContext,
  limits: JobTypeLimits,
  keyed: boolean,
): Promise<void> {
  await ctx.probe.flush();
  const api = await ctx.startApi();
  try {
    const set = await fetch(`${api.url}/job-types/system.noop/limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(limits),
    });
    if (!set.ok) throw new Error(`PUT limits answered ${set.status}`);
    const n = ctx.settings.drainJobs;
    for (let sent = 0; sent < n; sent += 1_000) {
      const jobs = Array.from(
        { length: Math.min(1_000, n - sent) },
        (_, i) => ({
          type: 'system.noop',
          payload: {},
          ...(keyed && { concurrencyKey: `tenant-${(sent + i) % KEYS}` }),
        }),
      );
      await postJson(`${api.url}/enqueue/batch`, { jobs }).catch(() =>
        postJson(`${api.url}/enqueue/batch`, { jobs }),
      );
    }
  } finally {
    await api.stop();
  }
}

/** One drain of `n` preloaded jobs, with the limits or without. */
async function drainOnce(
  ctx: BenchContext,
  withLimits: boolean,
  round: number,
): Promise<FlowDrain> {
  await preload(ctx, withLimits ? TOO_HIGH : OFF, withLimits);
  const name = `worker-flow-${withLimits ? 'limits' : 'none'}-${round + 1}`;
  const run = await timeDrain(ctx, lists(ERRAND_PREFIX, 'system.noop'), () =>
    ctx.startWorker(name),
  );
  console.error(
    `bench: flow round ${round + 1} ${withLimits ? 'limits' : 'none  '}: ${run.perSecond.toFixed(0)} jobs/s, ${run.cpuMicrosPerJob.toFixed(0)} µs CPU/job, ${run.callsPerJob.toFixed(1)} commands/job, ${run.redisMicrosPerJob.toFixed(0)} µs in Redis/job`,
  );
  return run;
}

export async function flowSection(ctx: BenchContext): Promise<BenchRow[]> {
  const rounds: FlowRound[] = [];
  for (let round = 0; round < ctx.settings.flowRounds; round += 1) {
    // Which side drains first alternates, so a trend in the machine's load
    // favours neither.
    if (round % 2 === 0) {
      const limited = await drainOnce(ctx, true, round);
      rounds.push({ limited, plain: await drainOnce(ctx, false, round) });
    } else {
      const plain = await drainOnce(ctx, false, round);
      rounds.push({ limited: await drainOnce(ctx, true, round), plain });
    }
  }
  const verdict = judgeFlowRounds(rounds, MAX_COST);
  console.log(describeVerdict(verdict, MAX_COST));
  const { limited, plain } = verdict;
  const n = rounds.length;
  const row = (
    metric: string,
    unit: string,
    errand: number,
    baseline: number,
    better: 'higher' | 'lower',
    target?: string,
  ): BenchRow => ({
    section: 'flow',
    metric,
    unit,
    errand,
    baselineName: 'no limits, no keys',
    baseline,
    better,
    ...(target && { target }),
  });
  return [
    row(
      `drain, rate limit and per-key cap (${KEYS} keys) too high to bite, median of ${n} rounds`,
      'jobs/s',
      limited.perSecond,
      plain.perSecond,
      'higher',
    ),
    {
      ...row(
        `drain ratio, median of the ${n} rounds' ratios (${verdict.drainRatioRange.map(r => `${r.toFixed(2)}×`).join('–')})`,
        '×',
        verdict.drainRatio,
        1,
        'higher',
        '≥ 0.9×',
      ),
      baselineName: 'no limits (1×)',
    },
    row(
      'worker CPU per job, same, median',
      'µs',
      limited.cpuMicrosPerJob,
      plain.cpuMicrosPerJob,
      'lower',
    ),
    row(
      'Redis commands per job, same, median',
      'calls',
      limited.callsPerJob,
      plain.callsPerJob,
      'lower',
    ),
    row(
      'Redis time in commands per job, same, median',
      'µs',
      limited.redisMicrosPerJob,
      plain.redisMicrosPerJob,
      'lower',
    ),
  ];
}
