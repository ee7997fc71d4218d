import type { CheckReport } from './checker';
import type { RunRecord } from './run-with-load';

/** How a scenario is sized and where it runs. */
export interface ScenarioSettings {
  /** Multiplies job counts (and the freeze/outage stays as the issue says). */
  scale: number;
  apps: 'bundles' | 'sources';
  /** Runs make their temporary folders in it. */
  baseDir: string;
  /**
   * Added to every time bound. 0 for `npm run chaos` (the bounds as
   * documented); a few seconds in `npm test`, which shares a loaded CI
   * machine with other suites.
   */
  slackMs: number;
  log(line: string): void;
}

/** One figure held against its limit. */
export interface Bound {
  figure: string;
  value: number;
  /** `max`: value ≤ limit; `min`: value ≥ limit. */
  kind: 'max' | 'min';
  limit: number;
  pass: boolean;
}

/** What a scenario found. */
export interface ScenarioResult {
  name: string;
  title: string;
  /** Its sizes: jobs, workers, concurrency, faults. */
  sizes: Record<string, number>;
  /** The checker's counts and whatever else the scenario measured. */
  figures: Record<string, number>;
  bounds: Bound[];
  pass: boolean;
  durationMs: number;
  /** A few refs of each failure kind, to start an investigation from. */
  samples: Record<string, string[]>;
  /** Anything else worth keeping in the JSON report. */
  details?: Record<string, unknown>;
}

/** A scenario of docs/reliability.md. */
export interface Scenario {
  name: string;
  title: string;
  run(settings: ScenarioSettings): Promise<ScenarioResult>;
}

export const atMost = (
  figure: string,
  value: number,
  limit: number,
): Bound => ({
  figure,
  value,
  kind: 'max',
  limit,
  pass: value <= limit,
});

export const atLeast = (
  figure: string,
  value: number,
  limit: number,
): Bound => ({
  figure,
  value,
  kind: 'min',
  limit,
  pass: value >= limit,
});

/** The `p` quantile of the recovery times (nearest rank); 0 if none. */
function percentile(report: CheckReport, p: number): number {
  const times = report.recoveries
    .flatMap(r => r.recoveryMs ?? [])
    .sort((a, b) => a - b);
  return times[Math.max(0, Math.ceil(p * times.length) - 1)] ?? 0;
}

/** The checker's counts as figures. */
function figuresOf(report: CheckReport, drainMs: number) {
  return {
    invoked: report.invoked,
    acknowledged: report.acknowledged,
    failed: report.failed,
    unknown: report.unknown,
    completed: report.completed,
    failedButCompleted: report.failedButCompleted.length,
    ...Object.fromEntries(
      Object.entries(report.failedStatuses).map(([s, n]) => [`failed${s}`, n]),
    ),
    lost: report.lost.length,
    unexpected: report.unexpected.length,
    duplicateCompletions: report.duplicateCompletions,
    reExecutions: report.reExecutions,
    dead: report.dead.length,
    interrupted: report.recoveries.length,
    recoveryP50Ms: percentile(report, 0.5),
    recoveryP95Ms: percentile(report, 0.95),
    maxRecoveryMs: report.maxRecoveryMs,
    drainMs,
  };
}

/** Builds the result from a run, its extra figures and its bounds. */
export function resultOf(
  scenario: Pick<Scenario, 'name' | 'title'>,
  started: number,
  sizes: Record<string, number>,
  run: RunRecord<unknown>,
  extra: Record<string, number>,
  bounds: Bound[],
): ScenarioResult {
  const { report } = run;
  const unfinished = report.recoveries.filter(r => r.recoveryMs === undefined);
  return {
    ...scenario,
    sizes,
    figures: { ...figuresOf(report, run.drainMs), ...extra },
    bounds,
    pass: bounds.every(b => b.pass),
    durationMs: Date.now() - started,
    samples: {
      lost: report.lost.slice(0, 10),
      unexpected: report.unexpected.slice(0, 10),
      failedButCompleted: report.failedButCompleted.slice(0, 10),
      dead: report.dead.slice(0, 10),
      unrecovered: unfinished.slice(0, 10).map(r => r.ref),
    },
  };
}

/** Scales a job count, never below `min`. */
export const scaled = (count: number, scale: number, min = 50) =>
  Math.max(min, Math.round(count * scale));
