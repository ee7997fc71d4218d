import type { Command } from 'commander';
import { listLiveWorkers } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { withExamples } from './examples';

/** `7s`, `12m`, `3h 5m`, `2d 4h`. */
function describeUptime(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) {
    return `${Math.floor(seconds / 3_600)}h ${Math.floor((seconds % 3_600) / 60)}m`;
  }
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3_600)}h`;
}

/**
 * `inspector workers`: the live worker processes (`host:pid`) from Redis's
 * client list, the types each serves, its current jobs and uptime.
 * Concurrency is not kept in Redis by BullMQ, so it is not shown.
 */
export function workersCommand(program: Command, context: CliContext): void {
  const command = program
    .command('workers')
    .description('List live workers: types served, current jobs, uptime.')
    .option(
      '--json',
      'print {"workers": [{name, types, uptimeSeconds, currentJobs: [{id, type}]}]}',
    )
    .action(async (options: { json?: boolean }) => {
      const workers = await listLiveWorkers(context.queues());
      const { output } = context;
      if (options.json) return output.out(renderJson({ workers }));
      if (workers.length === 0) return output.out('No live workers.');
      output.out(
        renderTable(
          ['WORKER', 'TYPES', 'RUNNING', 'CURRENT JOBS', 'UPTIME'],
          workers.map(w => [
            w.name,
            w.types.join(', '),
            w.currentJobs.length,
            w.currentJobs
              .map(j => j.id)
              .join(', ')
              .slice(0, 80),
            describeUptime(w.uptimeSeconds),
          ]),
          output.isTty,
        ),
      );
    });
  withExamples(command, ['inspector workers', 'inspector workers --json']);
}
