import { ErrorCode, toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type {
  OpenApiOperation,
  OpenApiPaths,
  OpenApiResponse,
  OpenApiSecurityScheme,
} from './openapi-object';
import { producerRoutes } from '../auth/producer-routes';
import { problemResponse } from './problem-responses';

/** The name of the scheme in `components.securitySchemes`. */
const SCHEME = 'apiKey';

/** `Authorization: Bearer <key>`, as `components.securitySchemes` shows it. */
export function securitySchemes(): Record<string, OpenApiSecurityScheme> {
  return {
    [SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      description:
        'An API key, sent as `Authorization: Bearer <key>` (`npm run new-api-key` makes one). A `producer` key may enqueue (only its job types, when scoped) and read the jobs it enqueued; an `admin` key may do everything. A key in the query string (`?api_key=`, `?key=`, `?token=`, `?access_token=`) is refused with 400 `request.keyInQuery`. An API started without keys (never in production) needs none.',
    },
  };
}

/** Paths anyone may call: probes, the catalog, the docs, the login form. */
const PUBLIC_PATHS = new Set([
  '/healthz',
  '/readyz',
  '/job-types',
  '/openapi.json',
  '/docs',
  '/redoc',
  '/docs/assets/{file}',
  '/admin/queues/login',
  '/admin/queues/logout',
]);

/**
 * Operations a `producer` key may call, from the table the API enforces;
 * every other one needs `admin`.
 */
const PRODUCER_OPERATIONS = new Set(
  producerRoutes.map(route => `${route.method} ${route.path}`),
);

const ENQUEUE_OPERATIONS = new Set(
  producerRoutes
    .filter(route => route.enqueues)
    .map(route => `${route.method} ${route.path}`),
);

const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: toJsonSchema(Type.Integer({ minimum: 1 })),
  },
};

function unauthenticated(): OpenApiResponse {
  return {
    ...problemResponse('No valid API key.', {
      [ErrorCode.unauthenticated]:
        'the `Authorization: Bearer <key>` header is missing, malformed or names no configured key.',
    }),
    headers: {
      'WWW-Authenticate': {
        description: '`Bearer realm="errand"`.',
        schema: toJsonSchema(Type.String()),
      },
    },
  };
}

function forbidden(enqueues: boolean, role: string): OpenApiResponse {
  return problemResponse('The key may not do this.', {
    [ErrorCode.forbidden]: enqueues
      ? `the key's role is not ${role}, or the key is scoped to other job types (the detail names the type).`
      : `the key's role is not ${role}.`,
  });
}

function tooManyRequests(enqueues: boolean): OpenApiResponse {
  return {
    ...problemResponse('Slow down.', {
      [ErrorCode.rateLimited]:
        'the key spent its `RATE_LIMIT_PER_MINUTE` (counted across every API replica).',
      ...(enqueues && {
        [ErrorCode.queueFull]:
          "the job type's queue holds its cap of waiting jobs (`QUEUE_CAP`, `QUEUE_CAPS`).",
      }),
    }),
    headers: retryAfter,
  };
}

/** One operation with its security requirement and refusals added. */
function protect(operation: OpenApiOperation, key: string): OpenApiOperation {
  const role = PRODUCER_OPERATIONS.has(key)
    ? '`producer` or `admin`'
    : '`admin`';
  const enqueues = ENQUEUE_OPERATIONS.has(key);
  return {
    ...operation,
    description: `${operation.description ?? operation.summary}\n\nNeeds an API key with role ${role}.`,
    security: [{ [SCHEME]: [] }],
    responses: {
      ...operation.responses,
      '401': unauthenticated(),
      '403': forbidden(enqueues, role),
      '429': tooManyRequests(enqueues),
    },
  };
}

/**
 * Marks every operation outside the public paths as needing an API key,
 * with the role it needs and its 401, 403 and 429 answers: routes added
 * later are protected in the document as they are in the API (admin by
 * default).
 */
export function withAccessControl(paths: OpenApiPaths): OpenApiPaths {
  return Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      PUBLIC_PATHS.has(path)
        ? operations
        : Object.fromEntries(
            Object.entries(operations).map(([method, operation]) => [
              method,
              operation && protect(operation, `${method} ${path}`),
            ]),
          ),
    ]),
  );
}
