import type { Command } from 'commander';
import { MAX_DEAD_LETTER_PAGE, type JobType } from '@errand/contracts';
import { listDeadJobs } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderJobList } from '../output/render-job';
import { dlqTypeOption } from './dlq-type-option';
import { withExamples } from './examples';
import { parseCount } from './parse-count';

/** `dlq list`: dead jobs, most recently dead first, a page at a time. */
export function listDead(dlq: Command, context: CliContext): void {
  const command = dlq
    .command('list')
    .description('List dead jobs, most recently dead first.')
    .addOption(dlqTypeOption())
    .option(
      '--limit <n>',
      `jobs per page (1-${MAX_DEAD_LETTER_PAGE})`,
      parseCount(MAX_DEAD_LETTER_PAGE),
      20,
    )
    .option('--cursor <cursor>', "a previous page's nextCursor")
    .option('--json', 'print {"jobs": [JobView], "nextCursor"} for scripts')
    .action(
      async (options: {
        type?: JobType;
        limit: number;
        cursor?: string;
        json?: boolean;
      }) => {
        const page = await listDeadJobs(context.queues(), options);
        const { output } = context;
        if (options.json) return output.out(renderJson(page));
        output.out(renderJobList(page.jobs, output.isTty));
        if (page.nextCursor) {
          output.out(`next page: --cursor ${page.nextCursor}`);
        }
      },
    );
  withExamples(command, [
    'inspector dlq list',
    'inspector dlq list --type webhook.deliver --limit 50 --json',
  ]);
}
