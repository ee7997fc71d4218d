import type { Command } from 'commander';
import { cancelJob, type Cancellation } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { statusCell } from '../output/colour';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { confirm, CONFIRM_ABOVE_JOBS } from './confirm';
import { withExamples } from './examples';
import { eachWithProgress } from './report-progress';
import { reportFailures, tryEach, type ItemFailure } from './try-each';

/**
 * `inspector cancel <id...>`: cancels waiting jobs and asks running ones to
 * stop. Each id is tried; the failures are reported and make the exit code
 * non-zero without stopping the others.
 */
export function cancelCommand(program: Command, context: CliContext): void {
  const command = program
    .command('cancel')
    .description(
      'Cancel jobs: waiting ones at once, running ones are asked to stop.',
    )
    .argument('<id...>', 'the job ids')
    .option(
      '--yes',
      `do not ask before cancelling more than ${CONFIRM_ABOVE_JOBS}`,
    )
    .option(
      '--json',
      'print {"cancelled": [{outcome, job}], "failed": [{id, code, message}]}',
    )
    .action(
      async (ids: string[], options: { json?: boolean; yes?: boolean }) => {
        if (
          ids.length > CONFIRM_ABOVE_JOBS &&
          !(await confirm(context, `Cancel ${ids.length} jobs?`, options.yes))
        ) {
          return;
        }
        const cancelled: Cancellation[] = [];
        const failed: ItemFailure[] = [];
        await eachWithProgress(context, 'cancel', ids, id =>
          tryEach(id, failed, async () => {
            cancelled.push(
              await cancelJob(context.queues(), id, context.actor()),
            );
          }),
        );
        if (cancelled.length > 0) {
          await context.audit({
            action: 'cancel',
            count: cancelled.length,
            details: { ids: cancelled.map(c => c.job.id) },
          });
        }
        const { output } = context;
        if (options.json) {
          output.out(renderJson({ cancelled, failed }));
        } else if (cancelled.length > 0) {
          output.out(
            renderTable(
              ['ID', 'TYPE', 'OUTCOME', 'STATUS'],
              cancelled.map(({ outcome, job }) => [
                job.id,
                job.type,
                outcome,
                statusCell(job.status),
              ]),
              output.isTty,
            ),
          );
        }
        reportFailures(context, failed);
      },
    );
  withExamples(command, [
    'inspector cancel 0b6f… 7c1d…',
    'inspector list --status queued --type email.send --json | jq -r ".jobs[].id" | xargs inspector cancel --yes',
  ]);
}
