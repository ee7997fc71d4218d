import { Type, type Static } from '@sinclair/typebox';
import { EnqueueAccepted } from './enqueue-accepted';
import { EnqueueRequest } from './enqueue-request';

/** The most jobs one `POST /enqueue/batch` may carry. */
export const MAX_BATCH_JOBS = 1_000;

/**
 * The body of `POST /enqueue/batch`: 1 to {@link MAX_BATCH_JOBS} jobs, each
 * exactly a `POST /enqueue` body. All are stored or none is.
 */
export const EnqueueBatchRequest = Type.Object(
  {
    jobs: Type.Array(EnqueueRequest, {
      minItems: 1,
      maxItems: MAX_BATCH_JOBS,
      description: 'The jobs, each checked like a `POST /enqueue` body.',
    }),
  },
  { additionalProperties: false },
);
export type EnqueueBatchRequest = Static<typeof EnqueueBatchRequest>;

/** The `202` answer to `POST /enqueue/batch`: one entry per job, in order. */
export const EnqueueBatchAccepted = Type.Object(
  { jobs: Type.Array(EnqueueAccepted) },
  { additionalProperties: false },
);
export type EnqueueBatchAccepted = Static<typeof EnqueueBatchAccepted>;
