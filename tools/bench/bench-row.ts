/** One line of the results table: an Errand figure against its baseline. */
export interface BenchRow {
  section: string;
  metric: string;
  unit: string;
  errand: number;
  /** What the baseline is, e.g. `raw BullMQ`. */
  baselineName: string;
  /** NaN when there is no baseline for the figure. */
  baseline: number;
  /** Which way is better, so the reader knows how to read the ratio. */
  better: 'higher' | 'lower';
  /** The target for this figure, as text. */
  target?: string;
}

/** errand / baseline, or NaN without a baseline. */
export function ratioOf(row: BenchRow): number {
  return row.baseline > 0 ? row.errand / row.baseline : Number.NaN;
}
