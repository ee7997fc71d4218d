import { Type, type Static } from '@sinclair/typebox';

/**
 * Jobs of one type by where they stand. `delayed` holds both `scheduled`
 * jobs and `retrying` ones waiting out a backoff: Redis keeps them in one
 * set, and telling them apart would mean reading every job.
 */
export const StatusCounts = Type.Object(
  {
    queued: Type.Integer({ minimum: 0 }),
    delayed: Type.Integer({ minimum: 0 }),
    running: Type.Integer({ minimum: 0 }),
    succeeded: Type.Integer({ minimum: 0 }),
    dead: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type StatusCounts = Static<typeof StatusCounts>;

/** Counts for one job type. */
export const TypeStats = Type.Object(
  { type: Type.String(), counts: StatusCounts },
  { additionalProperties: false },
);
export type TypeStats = Static<typeof TypeStats>;
