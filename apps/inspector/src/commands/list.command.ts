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
import { parseCount } from './parse-count';

interface ListOptions {
  status?: JobStatus;
  type?: JobType;
  limit: number;
  json?: boolean;
  showSensitive?: boolean;
}

/** `inspector list`: jobs newest first, filtered by status and type. */
export function listCommand(program: Command, context: CliContext): void {
  program
    .command('list')
    .description('List jobs, newest first.')
    .addOption(
      new Option('--status <status>', 'only this status').choices(jobStatuses),
    )
    .addOption(
      new Option('--type <type>', 'only this job type').choices(jobTypes),
    )
    .option('--limit <n>', 'at most n jobs (1-1000)', parseCount(1_000), 20)
    .option('--json', 'print {"jobs": [JobView]} for scripts')
    .option('--show-sensitive', 'show sensitive payload fields as stored')
    .action(async (options: ListOptions) => {
      const jobs = await listJobs(context.queues(), {
        ...options,
        revealSensitive: options.showSensitive,
      });
      context.output.out(
        options.json
          ? renderJson({ jobs })
          : renderJobList(jobs, context.output.isTty),
      );
    });
}
