import { ErrorCode, toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
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
import { jobEndedCallbacks } from './callback-paths';
import { componentRef } from './schema-names';

const jobId: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The id `POST /enqueue` answered with.',
  schema: toJsonSchema(Type.String()),
};

const idempotencyKey: OpenApiParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the request safe to repeat: within the window (`IDEMPOTENCY_WINDOW_MS`, 24 h by default) a repeat with the same key and body answers 200 with the first job instead of storing another, even after that job was removed; concurrent repeats store exactly one. 1 to 255 printable ASCII characters; stored only as its SHA-256.',
  schema: toJsonSchema(
    Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$' }),
  ),
};

const jobView = {
  'application/json': { schema: componentRef('JobView') },
};

/**
 * `POST /enqueue`, `GET /jobs/{id}`, `DELETE /jobs/{id}`,
 * `POST /jobs/{id}/retry` and `GET /stats`.
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
        parameters: [idempotencyKey],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: componentRef('EnqueueRequest'),
              examples,
            },
          },
        },
        callbacks: jobEndedCallbacks('{$request.body#/callback/url}'),
        responses: {
          '200': {
            description:
              "A repeat: an earlier request with the same `Idempotency-Key` and body stored this job; nothing new was stored. `status` is the job's status now, or the one it was accepted with once the job itself is gone.",
            headers: {
              Location: {
                description: 'Where to read the job: `/jobs/{id}`.',
                schema: toJsonSchema(Type.String()),
              },
              'Idempotent-Replayed': {
                description: '`true`: this answer repeats an earlier one.',
                schema: toJsonSchema(Type.Literal('true')),
              },
            },
            content: {
              'application/json': { schema: componentRef('EnqueueAccepted') },
            },
          },
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
            [ErrorCode.invalidParameter]:
              'the `Idempotency-Key` header is not 1 to 255 printable ASCII characters.',
          }),
          '409': problemResponse(
            'The idempotency key was used with another body.',
            {
              [ErrorCode.idempotencyConflict]:
                '`detail` names the job the key was first used for; use a new key for a new job.',
            },
          ),
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
          'The job with its status, attempts, progress, result, last error and `timeline`: every attempt with its worker, timing and error, and every replay and cancellation. Fields marked `x-sensitive` in the payload show as `[redacted]`. Finished jobs are kept for a bounded time (see docs/job-lifecycle.md, Retention); after that the job answers 404.',
        tags: ['jobs'],
        parameters: [jobId],
        responses: {
          '200': { description: 'The job.', content: jobView },
          '404': jobNotFound(),
          '503': queueUnavailable(),
        },
      },
      delete: {
        operationId: 'cancelJob',
        summary: 'Cancel a job',
        description:
          "A queued, scheduled or retrying job is taken out of its queue and ends `cancelled` (200). A running job's abort signal fires in whichever worker runs it (202): it ends `cancelled` within moments, unless it finishes first. Cancelling a cancelled job again answers 200.",
        tags: ['jobs'],
        parameters: [jobId],
        responses: {
          '200': { description: 'The job, cancelled.', content: jobView },
          '202': {
            description:
              'The job is running; its worker has been told to stop it.',
            content: jobView,
          },
          '404': jobNotFound(),
          '409': problemResponse('The job has already finished.', {
            [ErrorCode.jobFinished]:
              'succeeded and dead jobs cannot be cancelled; `detail` names its status.',
          }),
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
          "Per job type: jobs by where they stand, waiting jobs by the contract version they were written at, jobs finished and failed (dead) in the last minute and hour from the workers' per-minute counts (the oldest minute of a window pro rata), the share of the last hour's finished jobs that succeeded (`null` when none finished), and how long ago the oldest queued job was created (`null` when none is queued).",
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
