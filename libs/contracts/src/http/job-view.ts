import { Type, type Static } from '@sinclair/typebox';
import { JobStatus } from '../catalog/job-status';
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
