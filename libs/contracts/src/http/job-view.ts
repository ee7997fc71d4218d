import { Type, type Static } from '@sinclair/typebox';
import { JobStatus, jobStatuses } from '../catalog/job-status';
import { JobCallbackView } from './job-callback';
import { JobEvent, JobProgress } from './job-timeline';

const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

/** Why the last attempt failed. */
export const JobError = Type.Object(
  {
    message: Type.String(),
    stack: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type JobError = Static<typeof JobError>;

/**
 * How a parent's children stand: how many it has, and how many of them are
 * in each status (statuses with none left out).
 */
export const ChildrenSummary = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    counts: Type.Partial(
      Type.Object(
        Object.fromEntries(
          jobStatuses.map(status => [status, Type.Integer({ minimum: 1 })]),
        ) as Record<JobStatus, ReturnType<typeof Type.Integer>>,
      ),
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    description: "A flow parent's children, counted by status.",
  },
);
export type ChildrenSummary = Static<typeof ChildrenSummary>;

/**
 * What holds a `scheduled` job back when it did not ask to wait: its
 * `concurrencyKey` has as many jobs running as its type's
 * `perKeyConcurrency` allows (docs/flow-control.md). `reason` and
 * `sentence` are what `inspector why` answers for it.
 */
const JobHold = Type.Object(
  {
    reason: Type.Literal('key.held'),
    sentence: Type.String(),
    key: Type.String(),
    running: Type.Integer({ minimum: 0 }),
    cap: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  },
  {
    additionalProperties: false,
    description:
      'Why a scheduled job waits though it asked to run now: its concurrencyKey has `running` of `cap` jobs running (perKeyConcurrency). It starts when one of them ends, at the latest at `runAt`; no attempt is used. Only on single-job reads of a job its key holds.',
  },
);

/** A job as `GET /jobs/:id` and the inspector show it. */
export const JobView = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    requestedType: Type.Optional(
      Type.String({
        description:
          'The alias the job was asked for under (`send_email`), when it was not its catalog type.',
      }),
    ),
    status: JobStatus,
    payload: Type.Unknown(),
    priority: Type.Integer(),
    attempts: Type.Object(
      {
        made: Type.Integer({ minimum: 0 }),
        allowed: Type.Integer({ minimum: 1 }),
      },
      { additionalProperties: false },
    ),
    result: Type.Unknown(),
    lastError: Type.Union([JobError, Type.Null()]),
    createdAt: Timestamp,
    runAt: NullableTimestamp,
    startedAt: NullableTimestamp,
    finishedAt: NullableTimestamp,
    parentId: Type.Optional(
      Type.String({
        description:
          'The job that waits for this one, when it is a node of a flow (docs/flows.md).',
      }),
    ),
    /** Its children in a flow; only on single-job reads of a parent. */
    children: Type.Optional(ChildrenSummary),
    /** What holds it back, when its key does; only on single-job reads. */
    heldBy: Type.Optional(JobHold),
    /** Its callback, when it was enqueued with one. */
    callback: Type.Optional(JobCallbackView),
    /** The last progress its handler reported, if any. */
    progress: Type.Union([JobProgress, Type.Null()]),
    /**
     * Everything that happened to it, oldest first: every attempt with its
     * worker, timing and error. Only on single-job reads, not in lists.
     */
    timeline: Type.Optional(Type.Array(JobEvent)),
  },
  { additionalProperties: false },
);
export type JobView = Static<typeof JobView>;
