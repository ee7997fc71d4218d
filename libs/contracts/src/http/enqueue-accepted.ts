import { Type, type Static } from '@sinclair/typebox';
import { JobStatus } from '../catalog/job-status';

/** The `202` answer to `POST /enqueue`: the new job's id and first status. */
export const EnqueueAccepted = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String(),
    requestedType: Type.Optional(
      Type.String({
        description:
          'The alias the job was asked for under (`send_email`), when it was not its catalog type.',
      }),
    ),
    status: JobStatus,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type EnqueueAccepted = Static<typeof EnqueueAccepted>;
