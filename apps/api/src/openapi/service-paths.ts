import { toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import { docsPaths } from './docs-paths';
import type { OpenApiContent, OpenApiPaths } from './openapi-object';
import { queueUnavailable } from './problem-responses';
import { componentRef } from './schema-names';

const json = (schemaName: string): OpenApiContent => ({
  'application/json': { schema: componentRef(schemaName) },
});

/**
 * `GET /healthz` and `GET /readyz`, `GET /job-types`, and the documentation
 * itself: `GET /openapi.json` and the pages that render it (`docsPaths`).
 */
export function servicePaths(): OpenApiPaths {
  return {
    '/healthz': {
      get: {
        operationId: 'getLiveness',
        summary: 'Liveness',
        description: 'Answers while the process is up, whatever Redis does.',
        tags: ['health'],
        responses: { '200': { description: 'Up.', content: json('Liveness') } },
      },
    },
    '/readyz': {
      get: {
        operationId: 'getReadiness',
        summary: 'Readiness',
        description: 'Answers 200 only while Redis answers within 1 s.',
        tags: ['health'],
        responses: {
          '200': { description: 'Ready.', content: json('Readiness') },
          '503': queueUnavailable(),
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics',
        summary: 'Prometheus metrics',
        description:
          'Prometheus text exposition: enqueues by type and outcome with their latency, queue and dead-letter depth by type, and the process metrics. Served here unless `API_METRICS_PORT` moves it to a port of its own.',
        tags: ['health'],
        responses: {
          '200': {
            description: 'The metrics.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/job-types': {
      get: {
        operationId: 'listJobTypes',
        summary: 'List the job types',
        description:
          'Every type the catalog knows, with its payload and result JSON Schemas, payload version, defaults, description and an example payload.',
        tags: ['job types'],
        responses: {
          '200': { description: 'The catalog.', content: json('JobTypeList') },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This OpenAPI document',
        description:
          'Generated at startup from the TypeBox contracts and the job catalog.',
        tags: ['documentation'],
        responses: {
          '200': {
            description: 'An OpenAPI 3.1 document.',
            content: {
              'application/json': {
                schema: toJsonSchema(
                  Type.Object(
                    { openapi: Type.Literal('3.1.0') },
                    { additionalProperties: true },
                  ),
                ),
              },
            },
          },
        },
      },
    },
    ...docsPaths(),
  };
}
