import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { TypeStats } from '@errand/contracts';
import { countJobs } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { withExamples } from './examples';
import { parseCount } from './parse-count';

/**
 * `v1: 3, v2: 1`; a version above the catalog's is flagged, since those jobs
 * wait for a worker that knows it. `+` when not every waiting job was read.
 */
function describeVersions(stats: TypeStats): string {
  const parts = Object.entries(stats.waitingByVersion).map(
    ([version, count]) =>
      `v${version}: ${count}${Number(version) > stats.version ? ' (newer than this deploy)' : ''}`,
  );
  return parts.join(', ') + (stats.waitingByVersionComplete ? '' : ' +');
}

/** A share as a whole percentage, or `-` when nothing finished. */
function describeRate(rate: number | null): string {
  return rate === null ? '-' : `${Math.round(rate * 100)}%`;
}

/** An age in the largest whole unit: `850ms`, `42s`, `7m`, `3h`. */
function describeAge(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1_000) return `${ms}ms`;
  if (ms < 60_000) return `${Math.floor(ms / 1_000)}s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m`;
  return `${Math.floor(ms / 3_600_000)}h`;
}

/** The stats table for people. */
function renderStats(types: TypeStats[], isTty: boolean): string {
  return renderTable(
    [
      'TYPE',
      'VERSION',
      'QUEUED',
      'DELAYED',
      'RUNNING',
      'SUCCEEDED',
      'DEAD',
      'DONE 1M',
      'DONE 1H',
      'FAILED 1H',
      'OK 1H',
      'OLDEST QUEUED',
      'WAITING BY VERSION',
    ],
    types.map(stats => [
      stats.type,
      stats.version,
      stats.counts.queued,
      stats.counts.delayed,
      stats.counts.running,
      stats.counts.succeeded,
      stats.counts.dead,
      stats.throughput.lastMinute.finished,
      stats.throughput.lastHour.finished,
      stats.throughput.lastHour.failed,
      describeRate(stats.completionRate),
      describeAge(stats.oldestQueuedAgeMs),
      describeVersions(stats),
    ]),
    isTty,
  );
}

/** Clears a terminal and puts the cursor top left, to redraw in place. */
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

interface StatsOptions {
  json?: boolean;
  watch?: boolean;
  interval: number;
  iterations?: number;
}

/**
 * `inspector stats`: per type, how many jobs stand where. With `--watch` it
 * refreshes every `--interval` seconds: in place on a terminal; piped, it
 * prints one table (or one JSON line) per interval, for logs.
 */
export function statsCommand(program: Command, context: CliContext): void {
  const command = program
    .command('stats')
    .description(
      'Count jobs per type and status (delayed = scheduled or retrying), with the jobs finished (DONE) and failed in the last minute and hour, the share that succeeded, and how long the oldest queued job has waited.',
    )
    .option('--json', 'print {"types": [TypeStats]} for scripts')
    .option('--watch', 'refresh every --interval seconds until interrupted')
    .option(
      '--interval <s>',
      'seconds between refreshes (1-3600)',
      parseCount(3_600),
      2,
    )
    .option(
      '--iterations <n>',
      'with --watch, stop after n refreshes',
      parseCount(1_000_000),
    )
    .action(async (options: StatsOptions) => {
      const { output } = context;
      const inPlace = options.watch && output.isTty && !options.json;
      for (let i = 1; ; i += 1) {
        const types = await countJobs(context.queues());
        if (options.json) {
          // Watching prints one document per line (NDJSON) for log tools.
          output.out(
            options.watch
              ? JSON.stringify({ at: new Date().toISOString(), types })
              : renderJson({ types }),
          );
        } else {
          const table = renderStats(types, output.isTty);
          const heading = options.watch
            ? `${new Date().toISOString()}  every ${options.interval}s${inPlace ? ', Ctrl-C to stop' : ''}\n`
            : '';
          output.out(`${inPlace ? CLEAR_SCREEN : ''}${heading}${table}`);
        }
        if (!options.watch || i === options.iterations) return;
        await sleep(options.interval * 1_000);
      }
    });
  withExamples(command, [
    'inspector stats',
    'inspector stats --watch --interval 5',
    'inspector stats --watch --json --interval 60 >> stats.ndjson',
  ]);
}
