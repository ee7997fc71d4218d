import { Type, type Static } from '@sinclair/typebox';
import { jobTypes, type JobType, type PayloadOf } from '../catalog/job-catalog';
import { LOWEST_PRIORITY, MAX_RETRIES } from '../http/enqueue-request';

/**
 * The shortest `every`: one second. Shorter intervals are a busy loop, not a
 * schedule, and BullMQ's scheduler would fall behind.
 */
const MIN_EVERY_MS = 1_000;

/**
 * A schedule's name: lower-case words joined by dots or hyphens
 * (`system.heartbeat`, `nightly-report`). It names the schedule in logs and
 * `GET /schedules`, and keys it in Redis, so renaming one replaces it.
 */
const ScheduleName = Type.String({
  pattern: '^[a-z0-9]+(?:[.-][a-z0-9]+)*$',
  maxLength: 100,
  description:
    'Lower-case words joined by dots or hyphens, unique in the schedules file.',
});
type ScheduleName = Static<typeof ScheduleName>;

const common = {
  name: ScheduleName,
  type: Type.Union(
    jobTypes.map(type => Type.Literal(type)),
    { description: 'The job type each run enqueues.' },
  ),
  payload: Type.Unknown({
    description: "Each run's payload, checked against the type's contract.",
  }),
  retries: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_RETRIES,
      description: "Retries after a failed first attempt; the type's default.",
    }),
  ),
  priority: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: LOWEST_PRIORITY,
      description: "0 runs first; the type's default.",
    }),
  ),
};

/** A schedule that runs on a cron pattern, in a time zone (UTC if none). */
export const CronScheduleDefinition = Type.Object(
  {
    ...common,
    cron: Type.String({
      // Five or six fields, or an alias such as @daily: cron-parser would
      // read `* *` as every minute, filling the missing fields with `*`.
      pattern: '^(?:@[a-z]+|\\S+(?:\\s+\\S+){4,5})$',
      maxLength: 200,
      description:
        'A cron pattern: 5 fields (minute hour day month weekday), or 6 with seconds first.',
    }),
    timezone: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'An IANA time zone, such as `Europe/Paris`; UTC if left out.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CronScheduleDefinition = Static<typeof CronScheduleDefinition>;

/** A schedule that runs every so many milliseconds. */
export const EveryScheduleDefinition = Type.Object(
  {
    ...common,
    every: Type.Integer({
      minimum: MIN_EVERY_MS,
      description: `Milliseconds between runs, at least ${MIN_EVERY_MS}; the first run is one interval after the schedule is created.`,
    }),
  },
  { additionalProperties: false },
);
export type EveryScheduleDefinition = Static<typeof EveryScheduleDefinition>;

/** One recurring schedule as the schedules file declares it. */
export const ScheduleDefinition = Type.Union([
  CronScheduleDefinition,
  EveryScheduleDefinition,
]);
export type ScheduleDefinition = Static<typeof ScheduleDefinition>;

/** When a schedule runs: a cron pattern (with a time zone) or an interval. */
type ScheduleTiming =
  | { cron: string; timezone?: string; every?: never }
  | { every: number; cron?: never; timezone?: never };

/**
 * A schedule whose payload `tsc` checks against its job type's contract:
 * what {@link defineSchedule} takes.
 */
export type Schedule<T extends JobType> = ScheduleTiming & {
  name: string;
  type: T;
  payload: PayloadOf<T>;
  retries?: number;
  priority?: number;
};

/** A schedule of any job type, each one's payload typed by its own type. */
export type AnySchedule = { [T in JobType]: Schedule<T> }[JobType];

/**
 * Declares a schedule. The identity function infers the job type from
 * `type`, so a payload that breaks the type's contract fails to compile;
 * what types cannot say (formats, ranges, cron syntax) is checked by the
 * schedules spec and again when a worker reconciles.
 */
export function defineSchedule<T extends JobType>(
  schedule: Schedule<T>,
): Schedule<T> {
  return schedule;
}
