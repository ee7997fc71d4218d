import type { Command } from 'commander';
import { explainJob } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { oneLine } from '../output/strip-control';
import { withExamples } from './examples';

/**
 * `inspector why <id>`: why a job is not running now, as one sentence and a
 * stable reason code (queue-core's inspection/explain-job.ts lists them).
 */
export function whyCommand(program: Command, context: CliContext): void {
  const command = program
    .command('why')
    .description('Say in one sentence why a job is not running now.')
    .argument('<id>', 'the job id')
    .option(
      '--json',
      'print {id, type, status, reason, sentence, until, position, attempt, workers}',
    )
    .action(async (id: string, options: { json?: boolean }) => {
      const why = await explainJob(context.queues(), id);
      context.output.out(
        options.json
          ? renderJson(why)
          : `${oneLine(why.sentence)} [${why.reason}]`,
      );
    });
  withExamples(command, [
    'inspector why 0b6f…',
    'inspector why 0b6f… --json | jq -r .reason',
  ]);
}
