import type { Command } from 'commander';
import type { JobView } from '@errand/contracts';
import { retryDeadJob } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { statusCell } from '../output/colour';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { confirm, CONFIRM_ABOVE_JOBS } from './confirm';
import { withExamples } from './examples';
import { eachWithProgress } from './report-progress';
import { reportFailures, tryEach, type ItemFailure } from './try-each';

/**
 * `inspector retry <id...>`: sends dead jobs back to their queues. Each id is
 * tried; the ones that cannot be retried are reported and make the exit
 * code non-zero, but do not stop the others. Redis going away does.
 */
export function retryCommand(program: Command, context: CliContext): void {
  const command = program
    .command('retry')
    .description(
      'Send dead jobs back to their queues (same id, attempts reset).',
    )
    .argument('<id...>', 'the ids of dead jobs')
    .option(
      '--yes',
      `do not ask before retrying more than ${CONFIRM_ABOVE_JOBS}`,
    )
    .option(
      '--json',
      'print {"retried": [JobView], "failed": [{id, code, message}]} for scripts',
    )
    .action(
      async (ids: string[], options: { json?: boolean; yes?: boolean }) => {
        if (
          ids.length > CONFIRM_ABOVE_JOBS &&
          !(await confirm(context, `Retry ${ids.length} jobs?`, options.yes))
        ) {
          return;
        }
        const retried: JobView[] = [];
        const failed: ItemFailure[] = [];
        await eachWithProgress(context, 'retry', ids, id =>
          tryEach(id, failed, async () => {
            retried.push(
              await retryDeadJob(context.queues(), id, context.actor()),
            );
          }),
        );
        if (retried.length > 0) {
          await context.audit({
            action: 'retry',
            count: retried.length,
            details: { ids: retried.map(job => job.id) },
          });
        }
        const { output } = context;
        if (options.json) {
          output.out(renderJson({ retried, failed }));
        } else if (retried.length > 0) {
          output.out(
            renderTable(
              ['ID', 'TYPE', 'STATUS'],
              retried.map(job => [job.id, job.type, statusCell(job.status)]),
              output.isTty,
            ),
          );
        }
        reportFailures(context, failed);
      },
    );
  withExamples(command, [
    'inspector retry 0b6f…',
    'inspector dlq list --type email.send --json | jq -r ".jobs[].id" | xargs inspector retry --yes',
  ]);
}
