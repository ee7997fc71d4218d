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
  {
    type: Type.String(),
    /** The contract version this deploy's catalog holds. */
    version: Type.Integer({ minimum: 1 }),
    counts: StatusCounts,
    /**
     * Jobs waiting to run (queued or delayed) by the contract version they
     * were written at: a count under a version above `version` is waiting
     * for a worker that knows it.
     */
    waitingByVersion: Type.Record(
      Type.String({ pattern: '^[0-9]+$' }),
      Type.Integer({ minimum: 0 }),
    ),
    /** False when there were more waiting jobs than were read to count. */
    waitingByVersionComplete: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type TypeStats = Static<typeof TypeStats>;

/** The answer to `GET /stats`: counts for every job type. */
export const TypeStatsList = Type.Object(
  { types: Type.Array(TypeStats) },
  { additionalProperties: false },
);
export type TypeStatsList = Static<typeof TypeStatsList>;
