import type { Command } from 'commander';
import { getJobView } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderJobDetail } from '../output/render-job';

/** `inspector show <id>`: one job, with its payload, result and last error. */
export function showCommand(program: Command, context: CliContext): void {
  program
    .command('show')
    .description('Show one job in full.')
    .argument('<id>', 'the job id')
    .option('--json', 'print the JobView for scripts')
    .option('--show-sensitive', 'show sensitive payload fields as stored')
    .action(
      async (
        id: string,
        options: { json?: boolean; showSensitive?: boolean },
      ) => {
        const job = await getJobView(context.queues(), id, {
          revealSensitive: options.showSensitive,
        });
        context.output.out(
          options.json ? renderJson(job) : renderJobDetail(job),
        );
      },
    );
}
