import type { Command } from 'commander';
import type { TypeStats } from '@errand/contracts';
import { countJobs } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';

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

/** `inspector stats`: per type, how many jobs stand where. */
export function statsCommand(program: Command, context: CliContext): void {
  program
    .command('stats')
    .description(
      'Count jobs per type and status (delayed = scheduled or retrying).',
    )
    .option('--json', 'print {"types": [TypeStats]} for scripts')
    .action(async (options: { json?: boolean }) => {
      const types = await countJobs(context.queues());
      context.output.out(
        options.json
          ? renderJson({ types })
          : renderTable(
              [
                'TYPE',
                'VERSION',
                'QUEUED',
                'DELAYED',
                'RUNNING',
                'SUCCEEDED',
                'DEAD',
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
                describeVersions(stats),
              ]),
              context.output.isTty,
            ),
      );
    });
}
