import type { Command } from 'commander';
import { ErrandError, ErrorCode, type JobView } from '@errand/contracts';
import { retryDeadJob } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';

interface RetryFailure {
  id: string;
  code: ErrorCode;
  message: string;
}

/**
 * `inspector retry <id...>`: sends dead jobs back to their queues. Each id is
 * tried; the ones that cannot be retried are reported and make the exit
 * code non-zero, but do not stop the others. Redis going away does.
 */
export function retryCommand(program: Command, context: CliContext): void {
  program
    .command('retry')
    .description(
      'Send dead jobs back to their queues (same id, attempts reset).',
    )
    .argument('<id...>', 'the ids of dead jobs')
    .option(
      '--json',
      'print {"retried": [JobView], "failed": [...]} for scripts',
    )
    .action(async (ids: string[], options: { json?: boolean }) => {
      const retried: JobView[] = [];
      const failed: RetryFailure[] = [];
      for (const id of ids) {
        try {
          retried.push(await retryDeadJob(context.queues(), id));
        } catch (error) {
          if (
            !(error instanceof ErrandError) ||
            error.code === ErrorCode.queueUnavailable
          ) {
            throw error;
          }
          failed.push({ id, code: error.code, message: error.message });
        }
      }
      const { output } = context;
      if (options.json) {
        output.out(renderJson({ retried, failed }));
      } else if (retried.length > 0) {
        output.out(
          renderTable(
            ['ID', 'TYPE', 'STATUS'],
            retried.map(job => [job.id, job.type, job.status]),
            output.isTty,
          ),
        );
      }
      if (failed.length > 0) {
        const [first] = failed;
        for (const f of failed.slice(1))
          output.err(`inspector: ${f.message} [${f.code}]`);
        throw new ErrandError(first.code, first.message);
      }
    });
}
