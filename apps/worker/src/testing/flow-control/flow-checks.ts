import type { JobView } from '@errand/contracts';

/** When a `system.sleep` job's handler ran, from its own result. */
export interface Run {
  start: number;
  end: number;
  key?: string;
}

/** The runs of succeeded `system.sleep` jobs, keys by id from `keys`. */
export function runsOf(
  views: readonly JobView[],
  keys: ReadonlyMap<string, string> = new Map(),
): Run[] {
  return views.flatMap(view => {
    const result = view.result as
      { startedAt?: number; sleptMs: number } | undefined;
    if (view.status !== 'succeeded' || result?.startedAt === undefined) {
      return [];
    }
    return [
      {
        start: result.startedAt,
        end: result.startedAt + result.sleptMs,
        key: keys.get(view.id),
      },
    ];
  });
}

/** The most runs in progress at one moment (an end before a start at the same ms). */
export function mostAtOnce(runs: readonly Run[]): number {
  const edges = runs.flatMap(run => [
    [run.start, 1],
    [run.end, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) {
    now += step;
    most = Math.max(most, now);
  }
  return most;
}

/** {@link mostAtOnce} for each key's runs. */
export function mostAtOncePerKey(runs: readonly Run[]): Map<string, number> {
  const byKey = new Map<string, Run[]>();
  for (const run of runs) {
    if (run.key === undefined) continue;
    byKey.set(run.key, [...(byKey.get(run.key) ?? []), run]);
  }
  return new Map([...byKey].map(([key, list]) => [key, mostAtOnce(list)]));
}

/**
 * The windows of `seconds` (one starting at each start) holding more
 * starts than `max × seconds + max`, the bound a rate of `max` a second
 * allows; empty when the rate held.
 */
export function windowsOverRate(
  starts: readonly number[],
  max: number,
  seconds: readonly number[],
): { from: number; seconds: number; starts: number }[] {
  const sorted = [...starts].sort((a, b) => a - b);
  const over = [];
  for (const t of seconds) {
    let j = 0;
    for (let i = 0; i < sorted.length; i++) {
      while (j < sorted.length && sorted[j] < sorted[i] + t * 1_000) j++;
      const count = j - i;
      if (count > max * t + max) {
        over.push({ from: sorted[i], seconds: t, starts: count });
      }
    }
  }
  return over;
}
