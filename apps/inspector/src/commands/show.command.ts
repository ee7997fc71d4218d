import type { Command } from 'commander';
import { getJobView } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderJobDetail } from '../output/render-job';
import { withExamples } from './examples';

/**
 * `inspector show <id>`: one job with its payload (sensitive fields
 * redacted), result, the attempts that failed and its whole timeline.
 */
export function showCommand(program: Command, context: CliContext): void {
  const command = program
    .command('show')
    .description('Show one job in full: payload, attempts, errors, timeline.')
    .argument('<id>', 'the job id')
    .option('--json', 'print the JobView (with its timeline) for scripts')
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
          options.json
            ? renderJson(job)
            : renderJobDetail(job, context.output.isTty),
        );
      },
    );
  withExamples(command, [
    'inspector show 0b6f…',
    'inspector show 0b6f… --json | jq .timeline',
  ]);
}
