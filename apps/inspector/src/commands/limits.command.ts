import { Argument, type Command } from 'commander';
import {
  jobTypes,
  NO_LIMITS,
  parseJobTypeLimits,
  type JobType,
  type JobTypeLimits,
  type JobTypeLimitsView,
  type RateLimit,
} from '@errand/contracts';
import {
  getJobTypeLimits,
  resetJobTypeLimits,
  setJobTypeLimits,
} from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { renderJson } from '../output/render-json';
import { renderTable } from '../output/render-table';
import { withExamples } from './examples';
import { formatRate, OFF, parseCap, parseRateLimit } from './parse-limit';

/** What `limits set` was asked to change; what is left out stays. */
interface SetOptions {
  rate?: RateLimit | typeof OFF;
  concurrency?: number | typeof OFF;
  perKey?: number | typeof OFF;
  clear?: boolean;
  json?: boolean;
}

function render(
  views: readonly JobTypeLimitsView[],
  json: boolean | undefined,
  isTty: boolean,
): string {
  return json
    ? renderJson(views.length === 1 ? views[0] : { types: views })
    : renderTable(
        ['TYPE', 'RATE', 'MAX RUNNING', 'PER KEY', 'SOURCE'],
        views.map(({ type, limits, source }) => [
          type,
          formatRate(limits.rateLimit),
          limits.maxConcurrent ?? 'off',
          limits.perKeyConcurrency ?? 'off',
          source,
        ]),
        isTty,
      );
}

/**
 * `inspector limits [type]`: each type's flow limits and where they come
 * from; `inspector limits set <type>`: changes them at run time on every
 * worker (docs/flow-control.md), audited as `limits.set`. Options left out
 * keep their value; `off` turns one limit off, `--clear` all three.
 * `inspector limits reset <type>` drops the limits set at run time, so the
 * configuration's or the catalog's hold again, audited as `limits.reset`.
 */
export function limitsCommand(program: Command, context: CliContext): void {
  const limits = program
    .command('limits')
    .description("Show job types' rate limits and concurrency caps.")
    .addArgument(new Argument('[type]', 'one job type').choices(jobTypes))
    .option('--json', 'print JobTypeLimitsView (GET /job-types/{type}/limits)')
    .action(async (type: JobType | undefined, options: { json?: boolean }) => {
      const queues = context.queues();
      const views = await Promise.all(
        (type ? [type] : jobTypes).map(t =>
          getJobTypeLimits(queues, t, queues.limitDefaults),
        ),
      );
      context.output.out(render(views, options.json, context.output.isTty));
    });
  withExamples(limits, [
    'inspector limits',
    'inspector limits email.send --json',
  ]);

  const set = limits
    .command('set')
    .description("Change a type's limits on every worker (audited).")
    .addArgument(new Argument('<type>', 'the job type').choices(jobTypes))
    .option(
      '--rate <N/unit>',
      'jobs started per window: 10/s, 600/m, 5/250ms, off',
      parseRateLimit,
    )
    .option(
      '--concurrency <N>',
      'jobs running at once across all workers, or off',
      parseCap,
    )
    .option(
      '--per-key <N>',
      'jobs of one concurrencyKey running at once, or off',
      parseCap,
    )
    .option('--clear', 'turn all three limits off')
    .option('--json', 'print the limits now in force as JSON')
    .action(async (type: JobType, options: SetOptions) => {
      const queues = context.queues();
      const before = await getJobTypeLimits(queues, type, queues.limitDefaults);
      const base: JobTypeLimits = options.clear ? NO_LIMITS : before.limits;
      const pick = <T>(given: T | typeof OFF | undefined, kept: T | null) =>
        given === undefined ? kept : given === OFF ? null : given;
      const wanted = parseJobTypeLimits({
        rateLimit: pick(options.rate, base.rateLimit),
        maxConcurrent: pick(options.concurrency, base.maxConcurrent),
        perKeyConcurrency: pick(options.perKey, base.perKeyConcurrency),
      });
      const view = await setJobTypeLimits(queues, type, wanted);
      await context.audit({
        action: 'limits.set',
        count: 1,
        details: { type, limits: wanted, before: before.limits },
      });
      // `--json` after `set <type>` lands on the parent `limits` command.
      const json = options.json ?? limits.opts<{ json?: boolean }>().json;
      context.output.out(render([view], json, context.output.isTty));
    });
  withExamples(set, [
    'inspector limits set email.send --rate 10/s --concurrency 5 --per-key 2',
    'inspector limits set image.resize --per-key off',
    'inspector limits set email.send --clear',
  ]);

  const reset = limits
    .command('reset')
    .description(
      "Put a type's limits back to its configuration's or catalog's (audited).",
    )
    .addArgument(new Argument('<type>', 'the job type').choices(jobTypes))
    .option('--json', 'print the limits now in force as JSON')
    .action(async (type: JobType, options: { json?: boolean }) => {
      const queues = context.queues();
      const before = await getJobTypeLimits(queues, type, queues.limitDefaults);
      const view = await resetJobTypeLimits(queues, type, queues.limitDefaults);
      await context.audit({
        action: 'limits.reset',
        count: 1,
        details: { type, limits: view.limits, before: before.limits },
      });
      const json = options.json ?? limits.opts<{ json?: boolean }>().json;
      context.output.out(render([view], json, context.output.isTty));
    });
  withExamples(reset, ['inspector limits reset email.send']);
}
