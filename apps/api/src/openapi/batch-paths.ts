import { ErrorCode, MAX_BATCH_JOBS, toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiPaths } from './openapi-object';
import { problemResponse, queueUnavailable } from './problem-responses';
import { componentRef } from './schema-names';

const jobsOf = (name: string, options = {}) =>
  Type.Object(
    { jobs: Type.Array(Type.Unsafe(componentRef(name)), options) },
    { additionalProperties: false },
  );
/** `EnqueueBatchRequest` with each job as a `$ref` to the union. */
const BatchBody = jobsOf('EnqueueRequest', {
  minItems: 1,
  maxItems: MAX_BATCH_JOBS,
});
/** `EnqueueBatchAccepted` with each entry as a `$ref`. */
const BatchAccepted = jobsOf('EnqueueAccepted');

/**
 * `POST /enqueue/batch`. Its body and answer wrap the single-job components
 * (the `EnqueueRequest` union, `EnqueueAccepted`) rather than adding new
 * ones, so each job is documented exactly once.
 */
export function batchPaths(): OpenApiPaths {
  return {
    '/enqueue/batch': {
      post: {
        operationId: 'enqueueBatch',
        summary: 'Enqueue many jobs at once',
        description: `Checks 1 to ${MAX_BATCH_JOBS} jobs, each exactly as \`POST /enqueue\` would, and stores them all or none: if any job is bad nothing is stored and the 400 lists every bad job's fields by index (\`/jobs/3/payload/to\`). Jobs of one type are stored in one round trip; this is the fast path for producers with many jobs. Each job may name a \`callback\`, sent as \`POST /enqueue\`'s \`jobEnded\` callback says.`,
        tags: ['jobs'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: toJsonSchema(BatchBody),
              examples: {
                twoJobs: {
                  summary: 'An email and a no-op',
                  value: {
                    jobs: [
                      {
                        type: 'email.send',
                        payload: {
                          to: 'user@example.com',
                          subject: 'Welcome!',
                        },
                        retries: 3,
                      },
                      { type: 'system.noop', payload: {} },
                    ],
                  },
                },
              },
            },
          },
        },
        responses: {
          '202': {
            description:
              'All stored; one entry per job, in the order sent, each `queued` or `scheduled`.',
            content: {
              'application/json': {
                schema: toJsonSchema(BatchAccepted),
              },
            },
          },
          '400': problemResponse(
            'The batch breaks the contract; none stored.',
            {
              [ErrorCode.invalidRequest]:
                'the batch or a job envelope is wrong, or a type is unknown; `errors` points at each field (`/jobs/N/...`).',
              [ErrorCode.invalidPayload]:
                "only payloads break their type's contract; `errors` points at each field.",
              [ErrorCode.malformedJson]: 'the body is not valid JSON.',
            },
          ),
          '413': problemResponse('The body is too large.', {
            [ErrorCode.bodyTooLarge]: 'the batch body is over 2 MB.',
          }),
          '415': problemResponse('The body is not JSON.', {
            [ErrorCode.unsupportedMediaType]:
              'send `Content-Type: application/json`.',
          }),
          '503': queueUnavailable(),
        },
      },
    },
  };
}
