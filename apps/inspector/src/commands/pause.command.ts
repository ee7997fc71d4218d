import { Argument, type Command } from 'commander';
import { jobTypes, type JobType } from '@errand/contracts';
import { pauseQueue, resumeQueue } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { withExamples } from './examples';

const typeArgument = () =>
  new Argument('<type>', 'the job type').choices(jobTypes);

/**
 * `inspector pause <type>` and `resume <type>`: BullMQ marks the queue paused
 * in Redis and every worker of that type stops taking its jobs (running
 * ones finish); jobs can still be enqueued and wait. Both are audited.
 */
export function pauseCommands(program: Command, context: CliContext): void {
  for (const [verb, operate, description] of [
    [
      'pause',
      pauseQueue,
      'Stop workers taking jobs of a type (running ones finish).',
    ],
    ['resume', resumeQueue, 'Let workers take jobs of a paused type again.'],
  ] as const) {
    const command = program
      .command(verb)
      .description(description)
      .addArgument(typeArgument())
      .option('--json', 'print {type, paused}')
      .action(async (type: JobType, options: { json?: boolean }) => {
        const state = await operate(context.queues(), type);
        await context.audit({ action: verb, count: 1, details: { type } });
        context.output.out(
          options.json
            ? renderJson(state)
            : `${type} is ${state.paused ? 'paused' : 'running again'}.`,
        );
      });
    withExamples(command, [`inspector ${verb} email.send`]);
  }
}
