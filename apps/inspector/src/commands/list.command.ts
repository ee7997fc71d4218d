import { Command, Option } from 'commander';
import {
  jobStatuses,
  jobTypes,
  type JobStatus,
  type JobType,
} from '@errand/contracts';
import { listJobs } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderJobList } from '../output/render-job';
import { withExamples } from './examples';
import { parseCount } from './parse-count';
import { parseSince } from './parse-duration';

interface ListOptions {
  status?: JobStatus;
  type?: JobType;
  limit: number;
  cursor?: string;
  /** ISO time: only jobs created at or after it. */
  since?: string;
  json?: boolean;
  showSensitive?: boolean;
}

/**
 * `inspector list`: jobs newest first, filtered by status and type, one page
 * at a time; `--cursor` takes the `nextCursor` a page ended with.
 * `--since` keeps the jobs created since then: pages run newest first, so
 * the first older job ends the listing (a page may then hold fewer jobs).
 */
export function listCommand(program: Command, context: CliContext): void {
  const command = program
    .command('list')
    .description('List jobs, newest first.')
    .addOption(
      new Option('--status <status>', 'only this status').choices(jobStatuses),
    )
    .addOption(
      new Option('--type <type>', 'only this job type').choices(jobTypes),
    )
    .option('--limit <n>', 'at most n jobs (1-1000)', parseCount(1_000), 20)
    .option('--cursor <cursor>', 'the page after the one that printed it')
    .option(
      '--since <when>',
      'only jobs created since an age (1h) or ISO time',
      parseSince,
    )
    .option('--json', 'print {"jobs": [JobView], "nextCursor"} for scripts')
    .option('--show-sensitive', 'show sensitive payload fields as stored')
    .action(async (options: ListOptions) => {
      const { since, ...filter } = options;
      const page = await listJobs(context.queues(), {
        ...filter,
        revealSensitive: options.showSensitive,
      });
      const jobs = since
        ? page.jobs.filter(job => job.createdAt >= since)
        : page.jobs;
      const nextCursor =
        jobs.length < page.jobs.length ? null : page.nextCursor;
      const { output } = context;
      if (options.json) return output.out(renderJson({ jobs, nextCursor }));
      output.out(renderJobList(jobs, output.isTty));
      // On stderr, so that a pipe gets the table alone.
      if (nextCursor) output.err(`More: repeat with --cursor ${nextCursor}`);
    });
  withExamples(command, [
    'inspector list --status dead --type email.send',
    'inspector list --since 1h --limit 100 --json | jq -r ".jobs[].id"',
    'inspector list --cursor <nextCursor of the previous page>',
  ]);
}
