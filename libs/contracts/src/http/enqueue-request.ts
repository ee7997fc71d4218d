import { Type, type Static } from '@sinclair/typebox';

/** The most retries a request may ask for. */
export const MAX_RETRIES = 25;
/** The lowest priority; 0 is the highest. */
export const LOWEST_PRIORITY = 1_000;
/** The longest delay a request may ask for: one year. */
export const MAX_DELAY_MS = 365 * 24 * 60 * 60 * 1_000;

/** The body of `POST /enqueue`. */
export const EnqueueRequest = Type.Object(
  {
    type: Type.String({
      minLength: 1,
      description: 'The job type, such as `email.send`; see the catalog.',
    }),
    payload: Type.Unknown({
      description: "The job's input, checked against the type's contract.",
    }),
    retries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_RETRIES,
        description:
          "Retries after a failed first attempt; defaults to the type's.",
      }),
    ),
    priority: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: LOWEST_PRIORITY,
        description:
          '0 (the default for most types) runs first; larger numbers run later.',
      }),
    ),
    delay: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_DELAY_MS,
        description: 'Milliseconds to wait before the job may run.',
      }),
    ),
    runAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'ISO 8601 time the job may run at; a time in the past means now.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type EnqueueRequest = Static<typeof EnqueueRequest>;
