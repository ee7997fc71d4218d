import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ratioOf, type BenchRow } from './bench-row';

/** Formats a figure: integers with thin grouping, small ones to 0.01. */
function figure(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return (Math.round(value * 100) / 100).toString();
}

/** The results as a Markdown table, the same one the doc holds. */
export function toMarkdownTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| section | figure | unit | Errand | baseline | value | ratio | better | target |',
    '|---|---|---|---:|---|---:|---:|---|---|',
  ];
  for (const row of rows) {
    const ratio = ratioOf(row);
    lines.push(
      `| ${row.section} | ${row.metric} | ${row.unit} | ${figure(row.errand)} | ${row.baselineName} | ${figure(row.baseline)} | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–'} | ${row.better} | ${row.target ?? ''} |`,
    );
  }
  return lines.join('\n');
}

/** What the JSON report holds, so that runs can be compared. */
export interface BenchReport {
  startedAt: string;
  mode: 'quick' | 'full';
  profiled: boolean;
  /** How the Errand apps ran. */
  apps: string;
  machine: { cpus: number; node: string; redis: string };
  settings: object;
  rows: (BenchRow & { ratio: number | null })[];
}

/** Writes the report as `<dir>/bench-<time>.json` and `latest.json`. */
export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(
    dir,
    `bench-${report.startedAt.replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, text);
  writeFileSync(join(dir, 'latest.json'), text);
  return file;
}
