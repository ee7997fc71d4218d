import { Type, type Static } from '@sinclair/typebox';
import { JobStatus } from '../catalog/job-status';

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
  },
  { additionalProperties: false },
);
export type JobView = Static<typeof JobView>;
