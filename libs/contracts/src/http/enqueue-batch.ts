import { Type, type Static } from '@sinclair/typebox';
import { EnqueueAccepted } from './enqueue-accepted';

/** The most jobs one `POST /enqueue/batch` may carry. */
export const MAX_BATCH_JOBS = 1_000;

/** The `202` answer to `POST /enqueue/batch`: one entry per job, in order. */
export const EnqueueBatchAccepted = Type.Object(
  { jobs: Type.Array(EnqueueAccepted) },
  { additionalProperties: false },
);
export type EnqueueBatchAccepted = Static<typeof EnqueueBatchAccepted>;
