import { Type, type Static } from '@sinclair/typebox';
import { JobCallback } from './job-callback';

/** The most retries a request may ask for. */
export const MAX_RETRIES = 25;
/** The lowest priority; 0 is the highest. */
export const LOWEST_PRIORITY = 1_000;
/** The longest delay a request may ask for: one year. */
const MAX_DELAY_MS = 365 * 24 * 60 * 60 * 1_000;

/** The longest `concurrencyKey`. */
const MAX_CONCURRENCY_KEY_LENGTH = 128;

/**
 * A job's concurrency key: 1 to {@link MAX_CONCURRENCY_KEY_LENGTH}
 * printable characters (no C0 or C1 control characters).
 */
const ConcurrencyKey = Type.String({
  minLength: 1,
  maxLength: MAX_CONCURRENCY_KEY_LENGTH,
  pattern: '^[^\\u0000-\\u001F\\u007F-\\u009F]+$',
  description:
    "Groups jobs (a tenant id, say) so that at most the type's `perKeyConcurrency` of them run at once across all workers; jobs of other keys are not held back. 1-128 printable characters.",
});

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
    concurrencyKey: Type.Optional(ConcurrencyKey),
    callback: Type.Optional(JobCallback),
  },
  { additionalProperties: false },
);
export type EnqueueRequest = Static<typeof EnqueueRequest>;
