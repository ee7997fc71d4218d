import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioResult } from './scenario';

/** Formats a figure: integers with grouping, non-finite as "never". */
function figure(value: number): string {
  if (!Number.isFinite(value)) return 'never';
  return Math.round(value).toLocaleString('en-US');
}

/** The main counts of each scenario, one row each (Markdown). */
export function toCountsTable(results: readonly ScenarioResult[]): string {
  const columns = [
    'invoked',
    'acknowledged',
    'failed',
    'unknown',
    'completed',
    'lost',
    'unexpected',
    'duplicateCompletions',
    'reExecutions',
    'dead',
    'interrupted',
    'maxRecoveryMs',
  ];
  const lines = [
    `| scenario | ${columns.join(' | ')} |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
  ];
  for (const r of results) {
    const cells = columns.map(c => figure(r.figures[c] ?? NaN));
    lines.push(`| ${r.title} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Every bound of every scenario, with its verdict (Markdown). */
export function toBoundsTable(results: readonly ScenarioResult[]): string {
  const lines = [
    '| scenario | figure | value | bound | pass |',
    '|---|---|---:|---:|---|',
  ];
  for (const r of results) {
    for (const b of r.bounds) {
      const op = b.kind === 'max' ? '≤' : '≥';
      lines.push(
        `| ${r.title} | ${b.figure} | ${figure(b.value)} | ${op} ${figure(b.limit)} | ${b.pass ? 'yes' : '**NO**'} |`,
      );
    }
  }
  return lines.join('\n');
}

/** What the JSON report holds, so that runs can be compared. */
export interface ChaosReport {
  startedAt: string;
  scale: number;
  apps: string;
  machine: { cpus: number; node: string; redis: string };
  pass: boolean;
  results: ScenarioResult[];
}

/** Writes `<dir>/chaos-<time>.json` and `latest.json`; returns the first. */
export function writeReport(dir: string, report: ChaosReport): string {
  mkdirSync(dir, { recursive: true });
  // Infinity (a worker that never resumed) is not JSON: write it as null.
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(
    dir,
    `chaos-${report.startedAt.replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, text);
  writeFileSync(join(dir, 'latest.json'), text);
  return file;
}
