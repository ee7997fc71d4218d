/**
 * The flow section's verdict from its alternating rounds: each round
 * drains once with the limits and once without, so each round gives one
 * ratio measured under the same load; the median of those ratios is what
 * is compared with the bound, as a single pair of drains swings
 * more than the bound on a busy machine.
 */

/** What one drain of a round measured. */
export interface FlowDrain {
  perSecond: number;
  cpuMicrosPerJob: number;
  callsPerJob: number;
  /** Redis time in commands per job, in µs. */
  redisMicrosPerJob: number;
}

/** One round: a drain under the limits and one without, back to back. */
export interface FlowRound {
  limited: FlowDrain;
  plain: FlowDrain;
}

/** The rounds summed up: medians, and whether the bound holds. */
export interface FlowVerdict {
  rounds: number;
  /** Median of the rounds' limited / plain drain rates. */
  drainRatio: number;
  /** The lowest and highest round ratios, to show the spread. */
  drainRatioRange: [number, number];
  /** Median of the rounds' limited / plain worker CPU per job. */
  cpuRatio: number;
  /** Median of the rounds' limited / plain Redis time per job. */
  redisRatio: number;
  /** Medians of each side's figures. */
  limited: FlowDrain;
  plain: FlowDrain;
  /** The drain ratio's median is at least 1 − `maxCost`. */
  met: boolean;
}

/** The median (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function medianDrain(drains: readonly FlowDrain[]): FlowDrain {
  return {
    perSecond: median(drains.map(d => d.perSecond)),
    cpuMicrosPerJob: median(drains.map(d => d.cpuMicrosPerJob)),
    callsPerJob: median(drains.map(d => d.callsPerJob)),
    redisMicrosPerJob: median(drains.map(d => d.redisMicrosPerJob)),
  };
}

/** Judges the rounds against a cost bound (0.1: at most 10 % slower). */
export function judgeFlowRounds(
  rounds: readonly FlowRound[],
  maxCost: number,
): FlowVerdict {
  const ratios = rounds.map(r => r.limited.perSecond / r.plain.perSecond);
  const drainRatio = median(ratios);
  return {
    rounds: rounds.length,
    drainRatio,
    drainRatioRange: [Math.min(...ratios), Math.max(...ratios)],
    cpuRatio: median(
      rounds.map(r => r.limited.cpuMicrosPerJob / r.plain.cpuMicrosPerJob),
    ),
    redisRatio: median(
      rounds.map(r => r.limited.redisMicrosPerJob / r.plain.redisMicrosPerJob),
    ),
    limited: medianDrain(rounds.map(r => r.limited)),
    plain: medianDrain(rounds.map(r => r.plain)),
    met: drainRatio >= 1 - maxCost,
  };
}

/** The verdict as the one line the bench prints. */
export function describeVerdict(v: FlowVerdict, maxCost: number): string {
  const [low, high] = v.drainRatioRange;
  return [
    `flow: drain rate with the limits ${v.drainRatio.toFixed(2)}× that without`,
    `(median of ${v.rounds} rounds, ${low.toFixed(2)}–${high.toFixed(2)}×);`,
    `worker CPU per job ${v.limited.cpuMicrosPerJob.toFixed(0)} against`,
    `${v.plain.cpuMicrosPerJob.toFixed(0)} µs (${v.cpuRatio.toFixed(2)}×);`,
    `Redis commands per job ${v.limited.callsPerJob.toFixed(1)} against`,
    `${v.plain.callsPerJob.toFixed(1)}, Redis time in them`,
    `${v.limited.redisMicrosPerJob.toFixed(0)} against`,
    `${v.plain.redisMicrosPerJob.toFixed(0)} µs (${v.redisRatio.toFixed(2)}×).`,
    `The ${(maxCost * 100).toFixed(0)} % bound (≥ ${(1 - maxCost).toFixed(2)}×)`,
    `is ${v.met ? 'met' : 'NOT met'}.`,
  ].join(' ');
}
