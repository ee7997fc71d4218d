import type { Command } from 'commander';
import { countJobs } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';

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
              ['TYPE', 'QUEUED', 'DELAYED', 'RUNNING', 'SUCCEEDED', 'DEAD'],
              types.map(({ type, counts }) => [
                type,
                counts.queued,
                counts.delayed,
                counts.running,
                counts.succeeded,
                counts.dead,
              ]),
              context.output.isTty,
            ),
      );
    });
}
