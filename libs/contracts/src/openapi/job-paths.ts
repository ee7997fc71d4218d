import { Type } from '@sinclair/typebox';
import { ErrorCode } from '../errors/error-code';
import type {
  OpenApiExample,
  OpenApiParameter,
  OpenApiPaths,
} from './openapi-object';
import {
  jobNotFound,
  problemResponse,
  queueUnavailable,
} from './problem-responses';
import { componentRef, toJsonSchema } from './to-json-schema';

const jobId: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The id `POST /enqueue` answered with.',
  schema: toJsonSchema(Type.String()),
};

const jobView = {
  'application/json': { schema: componentRef('JobView') },
};

/**
 * `POST /enqueue`, `GET /jobs/{id}`, `POST /jobs/{id}/retry` and
 * `GET /stats`.
 *
 * @param examples - one request body per job type, shown with the union.
 */
export function jobPaths(
  examples: Record<string, OpenApiExample>,
): OpenApiPaths {
  return {
    '/enqueue': {
      post: {
        operationId: 'enqueueJob',
        summary: 'Enqueue a job',
        description:
          "Checks the body against the type's contract, stores the job and answers at once; a worker runs it later. Pick the type below to see its payload.",
        tags: ['jobs'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: componentRef('EnqueueRequest'),
              examples,
            },
          },
        },
        responses: {
          '202': {
            description: 'Stored; `status` is `queued` or `scheduled`.',
            headers: {
              Location: {
                description: 'Where to read the job: `/jobs/{id}`.',
                schema: toJsonSchema(Type.String()),
              },
            },
            content: {
              'application/json': { schema: componentRef('EnqueueAccepted') },
            },
          },
          '400': problemResponse('The body breaks the contract.', {
            [ErrorCode.invalidRequest]:
              'the envelope is wrong; `errors` points at each field.',
            [ErrorCode.invalidPayload]:
              "the payload breaks its type's contract; `errors` points at each field.",
            [ErrorCode.unknownJobType]:
              'the catalog has no such type; `detail` names the known ones.',
            [ErrorCode.malformedJson]: 'the body is not valid JSON.',
          }),
          '413': problemResponse('The body is too large.', {
            [ErrorCode.bodyTooLarge]: 'the body is over `BODY_LIMIT`.',
          }),
          '415': problemResponse('The body is not JSON.', {
            [ErrorCode.unsupportedMediaType]:
              'send `Content-Type: application/json`.',
          }),
          '503': queueUnavailable(),
        },
      },
    },
    '/jobs/{id}': {
      get: {
        operationId: 'getJob',
        summary: 'Read a job',
        description:
          'The job with its status, attempts, result and last error. Fields marked `x-sensitive` in the payload show as `[redacted]`.',
        tags: ['jobs'],
        parameters: [jobId],
        responses: {
          '200': { description: 'The job.', content: jobView },
          '404': jobNotFound(),
          '503': queueUnavailable(),
        },
      },
    },
    '/jobs/{id}/retry': {
      post: {
        operationId: 'retryJob',
        summary: 'Retry a dead job',
        description:
          'Sends a dead job back to its queue with the same id and payload and a fresh retry budget.',
        tags: ['jobs'],
        parameters: [jobId],
        responses: {
          '200': { description: 'The job, queued again.', content: jobView },
          '404': jobNotFound(),
          '409': problemResponse('The job is not dead.', {
            [ErrorCode.jobNotDead]:
              'only dead jobs can be retried; `detail` names its status.',
          }),
          '503': queueUnavailable(),
        },
      },
    },
    '/stats': {
      get: {
        operationId: 'getStats',
        summary: 'Count jobs by type and status',
        description:
          'Per job type: jobs by where they stand, and waiting jobs by the contract version they were written at.',
        tags: ['jobs'],
        responses: {
          '200': {
            description: 'The counts.',
            content: {
              'application/json': { schema: componentRef('TypeStatsList') },
            },
          },
          '503': queueUnavailable(),
        },
      },
    },
  };
}
