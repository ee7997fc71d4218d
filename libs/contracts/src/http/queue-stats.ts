import { Type, type Static } from '@sinclair/typebox';
import { FlowState } from '../limits/flow-state';

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
    /** Parents in a flow waiting for their children to end. */
    waiting: Type.Integer({ minimum: 0 }),
    succeeded: Type.Integer({ minimum: 0 }),
    dead: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type StatusCounts = Static<typeof StatusCounts>;

/**
 * Jobs that finished in a window: `finished` counts succeeded and dead ones
 * alike, `failed` the dead ones (a failed attempt that is retried counts
 * in neither).
 */
export const FinishedCounts = Type.Object(
  {
    finished: Type.Integer({ minimum: 0 }),
    failed: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type FinishedCounts = Static<typeof FinishedCounts>;

/**
 * Throughput from the workers' per-minute counts (BullMQ metrics, kept two
 * hours). Redis keeps one count per clock minute, so the oldest minute a
 * window only partly covers is counted pro rata: figures are estimates to
 * within that one minute's share.
 */
const Throughput = Type.Object(
  {
    /** The last 60 seconds. */
    lastMinute: FinishedCounts,
    /** The last 60 minutes. */
    lastHour: FinishedCounts,
  },
  { additionalProperties: false },
);
type Throughput = Static<typeof Throughput>;

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
    throughput: Throughput,
    /**
     * Of the jobs that finished in the last hour, the share that succeeded
     * (0 to 1); null when none finished.
     */
    completionRate: Type.Union([
      Type.Number({ minimum: 0, maximum: 1 }),
      Type.Null(),
    ]),
    /**
     * How long ago the oldest queued job (ready to run, not yet started)
     * was created, in ms; null when none is queued.
     */
    oldestQueuedAgeMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** Its flow limits and what they hold back (docs/flow-control.md). */
    flow: Type.Optional(FlowState),
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
