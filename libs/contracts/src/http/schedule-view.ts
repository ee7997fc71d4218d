import { Type, type Static } from '@sinclair/typebox';
import { LOWEST_PRIORITY, MAX_RETRIES } from './enqueue-request';

/**
 * One recurring schedule as `GET /schedules` shows it: what the workers last
 * reconciled into Redis from the schedules file, and when it runs next.
 */
export const ScheduleView = Type.Object(
  {
    name: Type.String({ description: 'Its name in the schedules file.' }),
    type: Type.String({ description: 'The job type each run enqueues.' }),
    cron: Type.Optional(
      Type.String({ description: 'The cron pattern, for a cron schedule.' }),
    ),
    timezone: Type.Optional(
      Type.String({ description: "The cron pattern's IANA time zone." }),
    ),
    every: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Milliseconds between runs, for an interval schedule.',
      }),
    ),
    payload: Type.Unknown({
      description:
        "Each run's payload; fields marked `x-sensitive` read `[redacted]`.",
    }),
    retries: Type.Integer({ minimum: 0, maximum: MAX_RETRIES }),
    priority: Type.Integer({ minimum: 0, maximum: LOWEST_PRIORITY }),
    nextRunAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description:
        'When the next run is due (ISO 8601); null if none is planned.',
    }),
  },
  { additionalProperties: false },
);
export type ScheduleView = Static<typeof ScheduleView>;

/** The answer to `GET /schedules`: every schedule, by name. */
export const ScheduleList = Type.Object(
  { schedules: Type.Array(ScheduleView) },
  { additionalProperties: false },
);
export type ScheduleList = Static<typeof ScheduleList>;
