/** What BullMQ's `Queue.getMetrics` answers, newest data point first. */
export interface MinuteMetrics {
  meta: {
    /** Jobs counted since the metrics began. */
    count: number;
    /** When the last minute was closed (ms); 0 before any job. */
    prevTS: number;
    /** `count` when the last minute was closed. */
    prevCount: number;
  };
  /** Closed minutes, newest first: `data[i]` is minute `prevTS`'s − 1 − i. */
  data: number[];
}

const MINUTE_MS = 60_000;

/**
 * The jobs counted in `metrics` for each clock minute. BullMQ closes a
 * minute only when a job finishes in a later one: the minute of `prevTS`
 * is still open and holds `count - prevCount`; closed ones sit in `data`.
 */
function countInMinute(metrics: MinuteMetrics, minute: number): number {
  const { count, prevTS, prevCount } = metrics.meta;
  if (!prevTS) return 0;
  const open = Math.floor(prevTS / MINUTE_MS);
  if (minute > open) return 0;
  if (minute === open) return count - prevCount;
  return metrics.data[open - 1 - minute] ?? 0;
}

/**
 * Estimates how many jobs finished in the `windowMs` before `now` from
 * per-minute counts: minutes wholly inside the window count in full, the
 * minute the window starts in counts for the share of it inside the window
 * (the jobs in it are assumed spread evenly), rounded to a whole job.
 */
export function finishedInWindow(
  metrics: MinuteMetrics,
  now: number,
  windowMs: number,
): number {
  const from = now - windowMs;
  let total = 0;
  for (
    let minute = Math.floor(from / MINUTE_MS);
    minute <= Math.floor(now / MINUTE_MS);
    minute++
  ) {
    const start = minute * MINUTE_MS;
    const end = Math.min(start + MINUTE_MS, now);
    if (end <= start) continue;
    const covered = (end - Math.max(start, from)) / (end - start);
    total += countInMinute(metrics, minute) * Math.max(0, covered);
  }
  return Math.round(total);
}
