import type { Command } from 'commander';
import { parseReplayRequest, type JobType } from '@errand/contracts';
import { refuseClearSensitive, replayDeadJobs } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { oneLine } from '../output/strip-control';
import { confirm, CONFIRM_ABOVE_JOBS } from './confirm';
import { dlqTypeOption } from './dlq-type-option';
import { withExamples } from './examples';
import { parseSince } from './parse-duration';
import { parseJson } from './parse-json';
import { parseRate } from './parse-rate';
import { withPacedProgress } from './paced-progress';

interface ReplayOptions {
  type?: JobType;
  since?: string;
  errorContains?: string;
  patch?: unknown;
  rate?: number;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** `dlq replay`: sends dead jobs back, by ids or a filter. */
export function replayDead(dlq: Command, context: CliContext): void {
  const command = dlq
    .command('replay')
    .description(
      'Send dead jobs back to their queues, by ids or by a filter, optionally patching their payloads (checked against the contract before anything moves).',
    )
    .argument('[id...]', 'the dead jobs to replay (or use --type)')
    .addOption(dlqTypeOption())
    .option(
      '--since <when>',
      'filter: died since an age (1h) or ISO time',
      parseSince,
    )
    .option('--error-contains <text>', 'filter: last error contains this text')
    .option(
      '--patch <json>',
      'a JSON merge patch applied to each payload',
      parseJson,
    )
    .option('--rate <n/s>', 'jobs moved per second (default 50)', parseRate)
    .option('--dry-run', 'print what would move; move nothing')
    .option(
      '--yes',
      `do not ask before replaying more than ${CONFIRM_ABOVE_JOBS}`,
    )
    .option(
      '--json',
      'print the ReplayResult {state, rate, jobs, skipped, more}',
    )
    .action(async (ids: string[], options: ReplayOptions) => {
      const body = {
        ...(ids.length > 0 && { ids }),
        ...(options.type !== undefined && { type: options.type }),
        ...(options.since !== undefined && { since: options.since }),
        ...(options.errorContains !== undefined && {
          errorContains: options.errorContains,
        }),
        ...(options.patch !== undefined && { patch: options.patch }),
        ...(options.rate !== undefined && { rate: options.rate }),
      };
      const request = parseReplayRequest(body);
      const queues = context.queues();
      const by = context.actor();
      // Planned first: the patch is checked against every job and the count
      // is known before anyone is asked or anything moves.
      const { result: plan } = await replayDeadJobs(
        queues,
        { ...request, dryRun: true },
        { by },
      );
      if (request.patch !== undefined) {
        // Before anything moves, dry run included: the real run would be
        // refused the same way.
        for (const type of new Set(plan.jobs.map(job => job.type))) {
          await refuseClearSensitive(queues, type, request.patch);
        }
      }
      const { output } = context;
      const print = (result: typeof plan) => {
        if (options.json) return output.out(renderJson(result));
        const verb = result.state === 'planned' ? 'Would replay' : 'Replayed';
        output.out(
          `${verb} ${result.jobs.length} jobs at ${result.rate}/s${result.more ? ' (more matched: run again for the rest)' : ''}.`,
        );
        if (result.jobs.length > 0) {
          output.out(
            renderTable(
              ['ID', 'TYPE'],
              result.jobs.map(job => [job.id, job.type]),
              output.isTty,
            ),
          );
        }
        for (const skip of result.skipped) {
          output.err(
            oneLine(`skipped ${skip.id}: ${skip.message} [${skip.code}]`),
          );
        }
      };
      if (options.dryRun || plan.jobs.length === 0) return print(plan);
      if (
        plan.jobs.length > CONFIRM_ABOVE_JOBS &&
        !(await confirm(
          context,
          `Replay ${plan.jobs.length} dead jobs at ${plan.rate}/s?`,
          options.yes,
        ))
      ) {
        return;
      }
      if (!options.json && plan.jobs.length / plan.rate > 2) {
        output.err(
          `Replaying ${plan.jobs.length} jobs at ${plan.rate}/s, about ${Math.ceil(plan.jobs.length / plan.rate)} s…`,
        );
      }
      const { result } = await withPacedProgress(
        context,
        'replay',
        plan.jobs.length,
        plan.rate,
        replayDeadJobs(queues, request, {
          by,
          // The CLI waits for the end: no one would poll a background run.
          answerWithinMs: Number.POSITIVE_INFINITY,
        }),
      );
      await context.audit({
        action: 'dlq.replay',
        count: result.jobs.length,
        details: { ...body, ids: result.jobs.map(job => job.id) },
      });
      print(result);
    });
  withExamples(command, [
    'inspector dlq replay 0b6f… 7c1d…',
    'inspector dlq replay --type email.send --since 1h --error-contains timeout --dry-run',
    `inspector dlq replay --type email.send --patch '{"subject":"Hello"}' --rate 10/s --yes`,
  ]);
}
