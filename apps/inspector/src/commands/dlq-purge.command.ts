import type { Command } from 'commander';
import type { JobType } from '@errand/contracts';
import { purgeDeadJobs } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { describeAge } from '../output/describe-age';
import { renderJson } from '../output/render-json';
import { confirm } from './confirm';
import { dlqTypeOption } from './dlq-type-option';
import { withExamples } from './examples';
import { parseDuration } from './parse-duration';

/** `dlq purge`: removes dead jobs older than an age for good. */
export function purgeDead(dlq: Command, context: CliContext): void {
  const command = dlq
    .command('purge')
    .description('Remove dead jobs that died longer ago than an age, for good.')
    .requiredOption('--older-than <age>', 'such as 7d or 12h', parseDuration)
    .addOption(dlqTypeOption())
    .option('--yes', 'do not ask first')
    .option(
      '--json',
      'print {status, olderThanMs, removed: [{type, count}], total}',
    )
    .action(
      async (options: {
        olderThan: number;
        type?: JobType;
        yes?: boolean;
        json?: boolean;
      }) => {
        const what = `dead ${options.type ? `${options.type} ` : ''}jobs older than ${describeAge(options.olderThan)}`;
        if (!(await confirm(context, `Purge ${what}?`, options.yes))) return;
        const result = await purgeDeadJobs(
          context.queues(),
          options.olderThan,
          options.type,
        );
        await context.audit({
          action: 'dlq.purge',
          count: result.total,
          details: {
            olderThanMs: options.olderThan,
            type: options.type ?? null,
          },
        });
        context.output.out(
          options.json ? renderJson(result) : `Purged ${result.total} ${what}.`,
        );
      },
    );
  withExamples(command, [
    'inspector dlq purge --older-than 7d',
    'inspector dlq purge --older-than 12h --type webhook.deliver --yes',
  ]);
}
