import { type JsonSchema, toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type {
  OpenApiOperation,
  OpenApiParameter,
  OpenApiPaths,
  OpenApiResponse,
} from './openapi-object';
import { jobNotFound, queueUnavailable } from './problem-responses';
import { componentRef } from './schema-names';

/** The tag every compatibility route carries. */
export const compatTag = {
  name: 'compatibility',
  description:
    'Routes and job type aliases for clients of the queues Errand replaces, so their calls work unchanged; each enqueues exactly as `POST /enqueue` does (same keys, limits, idempotency and validation). Off with `COMPAT_ROUTES=false`. See docs/migrating.md for moving to the canonical routes.',
};

const note =
  'A compatibility route (`x-compat`): answers in the canonical shape plus the snake_case fields listed, and is off when the API runs with `COMPAT_ROUTES=false`.';

const jobId: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The id the enqueue answered with (`id` or `task_id`).',
  schema: toJsonSchema(Type.String()),
};

/** `POST /enqueue`'s body, or the same body under a type's alias. */
function enqueueBody(hasAliases: boolean): JsonSchema {
  return hasAliases
    ? {
        oneOf: [
          componentRef('EnqueueRequest'),
          componentRef('AliasEnqueueRequest'),
        ],
      }
    : componentRef('EnqueueRequest');
}

/** `/enqueue`'s answers, with the accepted job shown as `schema`. */
function acceptedResponses(
  enqueue: OpenApiOperation,
  schema: string,
  readAt: string,
): Record<string, OpenApiResponse> {
  const responses = structuredClone(enqueue.responses);
  for (const status of ['200', '202']) {
    const response = responses[status];
    if (!response) continue;
    response.content = { 'application/json': { schema: componentRef(schema) } };
    const location = response.headers?.['Location'];
    if (location)
      location.description = `Where to read the job: \`${readAt}\`.`;
  }
  return responses;
}

function compat(operation: Omit<OpenApiOperation, 'tags'>): OpenApiOperation {
  return {
    ...operation,
    description: `${operation.description}\n\n${note}`,
    tags: [compatTag.name],
    'x-compat': true,
  };
}

function readTask(operationId: string, path: string): OpenApiOperation {
  return compat({
    operationId,
    summary: `Read a job (as ${path})`,
    description:
      'The job as `GET /jobs/{id}` shows it (status, result, attempts, timeline), plus `task_id` and `created_at`. A producer key reads only the jobs it enqueued.',
    parameters: [jobId],
    responses: {
      '200': {
        description: 'The job.',
        content: { 'application/json': { schema: componentRef('TaskView') } },
      },
      '404': jobNotFound(),
      '503': queueUnavailable(),
    },
  });
}

/**
 * `POST /jobs`, `POST /task`, `GET /task/{id}`, `POST /tasks` and
 * `GET /tasks/{id}`, documented from the `POST /enqueue` operation whose
 * parameters and answers they share.
 */
export function compatPaths(
  enqueue: OpenApiOperation,
  hasAliases: boolean,
): OpenApiPaths {
  const body = (schema: JsonSchema, example: unknown) => ({
    required: true,
    content: {
      'application/json': {
        schema,
        examples: {
          issued: { summary: 'As such a client sends it', value: example },
        },
      },
    },
  });
  return {
    '/jobs': {
      post: compat({
        operationId: 'enqueueJobCompat',
        summary: 'Enqueue a job (as POST /jobs)',
        description:
          'The `POST /enqueue` body, under a type or one of its aliases; answers `EnqueueAccepted` plus `created_at`, and `Location: /jobs/{id}`.',
        parameters: enqueue.parameters,
        requestBody: body(enqueueBody(hasAliases), {
          type: 'email_processing',
          payload: {
            email: 'user@example.com',
            subject: 'Welcome to the platform!',
          },
        }),
        responses: acceptedResponses(enqueue, 'JobsAccepted', '/jobs/{id}'),
      }),
    },
    '/task': {
      post: compat({
        operationId: 'enqueueTaskCompat',
        summary: 'Enqueue a job (as POST /task)',
        description:
          'The `POST /enqueue` body, under a type or one of its aliases; answers `EnqueueAccepted` plus `task_id` and `created_at`, and `Location: /task/{id}`.',
        parameters: enqueue.parameters,
        requestBody: body(enqueueBody(hasAliases), {
          type: 'send_email',
          payload: { to: 'user@example.com', subject: 'Welcome!' },
        }),
        responses: acceptedResponses(enqueue, 'TaskAccepted', '/task/{id}'),
      }),
    },
    '/task/{id}': { get: readTask('getTaskCompat', 'GET /task/{id}') },
    '/tasks': {
      post: compat({
        operationId: 'enqueueTasksCompat',
        summary: 'Enqueue a job (as POST /tasks)',
        description:
          "`task_type` is `type` (a type or an alias), `max_retries` is `retries`, `priority` is Errand's priority unchanged (0 runs first; larger runs later). Answers `EnqueueAccepted` plus `task_id` and `created_at`, and `Location: /tasks/{id}`.",
        parameters: enqueue.parameters,
        requestBody: body(componentRef('TasksRequest'), {
          task_type: 'email',
          payload: { to: 'user@example.com', subject: 'Hello' },
          max_retries: 3,
          priority: 10,
        }),
        responses: acceptedResponses(enqueue, 'TaskAccepted', '/tasks/{id}'),
      }),
    },
    '/tasks/{id}': { get: readTask('getTasksCompat', 'GET /tasks/{id}') },
  };
}

/**
 * Adds the compatibility operations to `paths`, method by method: `/jobs`
 * holds both the canonical `GET` (a page of jobs) and the compatible `POST`.
 */
export function withCompatPaths(
  paths: OpenApiPaths,
  compat: OpenApiPaths,
): OpenApiPaths {
  const merged: OpenApiPaths = { ...paths };
  for (const [path, operations] of Object.entries(compat)) {
    merged[path] = { ...merged[path], ...operations };
  }
  return merged;
}
