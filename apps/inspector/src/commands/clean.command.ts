import { Option, type Command } from 'commander';
import { jobTypes, type JobType } from '@errand/contracts';
import { cleanJobs, type CleanRequest } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { describeAge } from '../output/describe-age';
import { renderJson } from '../output/render-json';
import { confirm } from './confirm';
import { withExamples } from './examples';
import { parseDuration } from './parse-duration';

/** `inspector clean`: removes finished jobs older than an age. */
export function cleanCommand(program: Command, context: CliContext): void {
  const command = program
    .command('clean')
    .description(
      'Remove succeeded (or dead) jobs that finished longer ago than an age.',
    )
    .addOption(
      new Option('--status <status>', 'which finished jobs')
        .choices(['succeeded', 'dead'])
        .makeOptionMandatory(),
    )
    .requiredOption('--older-than <age>', 'such as 1h or 7d', parseDuration)
    .addOption(
      new Option('--type <type>', 'only this job type').choices(jobTypes),
    )
    .option('--yes', 'do not ask first')
    .option(
      '--json',
      'print {status, olderThanMs, removed: [{type, count}], total}',
    )
    .action(
      async (options: {
        status: CleanRequest['status'];
        olderThan: number;
        type?: JobType;
        yes?: boolean;
        json?: boolean;
      }) => {
        const what = `${options.status} ${options.type ? `${options.type} ` : ''}jobs older than ${describeAge(options.olderThan)}`;
        if (!(await confirm(context, `Remove ${what}?`, options.yes))) return;
        const result = await cleanJobs(context.queues(), {
          status: options.status,
          olderThanMs: options.olderThan,
          type: options.type,
        });
        await context.audit({
          action: 'clean',
          count: result.total,
          details: {
            status: options.status,
            olderThanMs: options.olderThan,
            type: options.type ?? null,
          },
        });
        context.output.out(
          options.json
            ? renderJson(result)
            : `Removed ${result.total} ${what}.`,
        );
      },
    );
  withExamples(command, [
    'inspector clean --status succeeded --older-than 1h',
    'inspector clean --status dead --older-than 7d --type email.send --yes',
  ]);
}
