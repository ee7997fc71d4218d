import { Type, type Static } from '@sinclair/typebox';

/** What a handler last said about how far it got. */
export const JobProgress = Type.Object(
  {
    percent: Type.Number({ minimum: 0, maximum: 100 }),
    message: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type JobProgress = Static<typeof JobProgress>;

/**
 * The things that happen to a job, oldest first:
 * - `created`, `started` (one per attempt), `succeeded`, `dead`: its life;
 * - `failed`: an attempt failed; `next` says whether it will be retried;
 * - `snoozed`: it asked to run again later without using an attempt;
 * - `released`: a worker shut down mid-attempt and handed it back;
 * - `cancelled`, `replayed`: an operator acted on it (`by`, `patch`).
 */
const jobEventKinds = [
  'created',
  'started',
  'failed',
  'snoozed',
  'released',
  'succeeded',
  'dead',
  'cancelled',
  'replayed',
] as const;
export type JobEventKind = (typeof jobEventKinds)[number];

/** One entry of a job's timeline. */
export const JobEvent = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    event: Type.Union(jobEventKinds.map(kind => Type.Literal(kind))),
    /** The attempt it happened in, from 1. */
    attempt: Type.Optional(Type.Integer({ minimum: 1 })),
    /** The worker process that ran the attempt (`host:pid`). */
    worker: Type.Optional(Type.String()),
    durationMs: Type.Optional(Type.Integer({ minimum: 0 })),
    error: Type.Optional(
      Type.Object(
        {
          message: Type.String(),
          stack: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
    next: Type.Optional(
      Type.Union([Type.Literal('retrying'), Type.Literal('dead')]),
    ),
    /** Why: a snooze's or a discard's reason, a cancellation's note. */
    reason: Type.Optional(Type.String()),
    /** When a snoozed or failed job may run again. */
    until: Type.Optional(Type.String({ format: 'date-time' })),
    /** Who acted: an operator, an API key's name, a tool. */
    by: Type.Optional(Type.String()),
    /** The payload patch a replay applied. */
    patch: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type JobEvent = Static<typeof JobEvent>;
