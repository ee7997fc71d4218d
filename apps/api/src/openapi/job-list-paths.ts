import {
  ErrorCode,
  JobList,
  JobListQuery,
  type JsonSchema,
  toJsonSchema,
} from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiParameter, OpenApiPaths } from './openapi-object';
import {
  jobNotFound,
  problemResponse,
  queueUnavailable,
} from './problem-responses';
import { componentRef } from './schema-names';

/** The schemas {@link jobListPaths} refers to. */
export function jobListSchemas(): Record<string, JsonSchema> {
  return { JobList: toJsonSchema(JobList) };
}

const queryParameters: OpenApiParameter[] = Object.entries(
  JobListQuery.properties,
).map(([name, schema]) => {
  const { description = '', ...rest } = toJsonSchema(schema);
  return {
    name,
    in: 'query',
    required: false,
    description: String(description),
    schema: rest,
  };
});

const streamDescription = `A Server-Sent Events stream (\`text/event-stream\`):

- \`event: status\`, \`data\`: the JobView, first as the job stands when the stream opens, then again each time its status, attempts or progress change;
- \`event: end\`, \`data\`: \`{"id", "status"}\`, right after the \`status\` event of a terminal status (\`succeeded\`, \`dead\`, \`cancelled\`); the stream then closes. A job already finished gets its one \`status\` and the \`end\` at once;
- \`event: error\`, \`data\`: a Problem (\`queue.unavailable\` when Redis goes away, or the server stops); the stream then closes and the client may reconnect;
- a \`: heartbeat\` comment every 15 s.`;

/** `GET /jobs` and `GET /jobs/{id}/events`. */
export function jobListPaths(): OpenApiPaths {
  return {
    '/jobs': {
      get: {
        operationId: 'listJobs',
        summary: 'List jobs, a page at a time',
        description:
          "Newest first, by creation time then id, across every type unless filtered. Pages are stable: each holds only jobs created before the previous page's last one, so no job shows twice, jobs created meanwhile never shift later pages, and a job that keeps matching the filter is listed once whatever states it passes through. Each page reads a bounded number of entries per type and state (10 000), so in a deeper backlog of one type the oldest queued jobs are not reached.",
        tags: ['jobs'],
        parameters: queryParameters,
        responses: {
          '200': {
            description: 'One page of jobs.',
            content: {
              'application/json': { schema: componentRef('JobList') },
            },
          },
          '400': problemResponse('A query parameter is invalid.', {
            [ErrorCode.invalidParameter]:
              '`status`, `limit` or `cursor` is invalid, or the parameter is unknown; `errors` names it (`/query/limit`).',
            [ErrorCode.unknownJobType]:
              'the catalog has no such `type`; `detail` names the known ones.',
          }),
          '503': queueUnavailable(),
        },
      },
    },
    '/jobs/{id}/events': {
      get: {
        operationId: 'streamJobEvents',
        summary: "Follow a job's status live",
        description: streamDescription,
        tags: ['jobs'],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'The id `POST /enqueue` answered with.',
            schema: toJsonSchema(Type.String()),
          },
        ],
        responses: {
          '200': {
            description: streamDescription,
            content: {
              'text/event-stream': { schema: toJsonSchema(Type.String()) },
            },
          },
          '404': jobNotFound(),
          '503': queueUnavailable(),
        },
      },
    },
  };
}
