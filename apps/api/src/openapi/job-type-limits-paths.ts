import {
  ErrorCode,
  type JsonSchema,
  JobTypeLimits,
  JobTypeLimitsView,
  toJsonSchema,
} from '@errand/contracts';
import type { OpenApiParameter, OpenApiPaths } from './openapi-object';
import { problemResponse, queueUnavailable } from './problem-responses';
import { componentRef } from './schema-names';

/** The component schemas the limits paths refer to. */
export function jobTypeLimitsSchemas(): Record<string, JsonSchema> {
  return {
    JobTypeLimits: toJsonSchema(JobTypeLimits),
    JobTypeLimitsView: toJsonSchema(JobTypeLimitsView),
  };
}

const view = {
  'application/json': { schema: componentRef('JobTypeLimitsView') },
};
const unknownType = {
  [ErrorCode.unknownJobType]: 'the type is not in the catalog (`/type`).',
};

const typeParameter: OpenApiParameter = {
  name: 'type',
  in: 'path',
  required: true,
  description: 'A job type of the catalog, such as `email.send`.',
  schema: { type: 'string' },
};

/** `GET`, `PUT` and `DELETE /job-types/{type}/limits`. */
export function jobTypeLimitsPaths(): OpenApiPaths {
  return {
    '/job-types/{type}/limits': {
      get: {
        parameters: [typeParameter],
        operationId: 'getJobTypeLimits',
        summary: "A job type's flow limits",
        description:
          'The rate limit, the cap on jobs running at once and the cap per `concurrencyKey`, each held across every worker, and where they come from: set at run time, the `JOB_TYPE_LIMITS` configuration, or the catalog.',
        tags: ['job types'],
        responses: {
          '200': { description: 'The limits in force.', content: view },
          '400': problemResponse('Unknown type.', unknownType),
          '503': queueUnavailable(),
        },
      },
      put: {
        parameters: [typeParameter],
        operationId: 'setJobTypeLimits',
        summary: "Set a job type's flow limits",
        description:
          'Replaces all three limits (`null` turns one off). Every worker holds them within a second, without a restart; the change is written to the audit log with the key that made it.',
        tags: ['job types'],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: componentRef('JobTypeLimits') },
          },
        },
        responses: {
          '200': { description: 'The limits now in force.', content: view },
          '400': problemResponse('Bad limits or an unknown type.', {
            [ErrorCode.invalidRequest]:
              'a limit is 0, negative, not an integer or missing; `errors` names each field.',
            ...unknownType,
          }),
          '503': queueUnavailable(),
        },
      },
      delete: {
        parameters: [typeParameter],
        operationId: 'resetJobTypeLimits',
        summary: "Reset a job type's flow limits to its defaults",
        description:
          'Drops the limits set at run time, so the `JOB_TYPE_LIMITS` configuration, else the catalog, holds again on every worker within a second, without a restart; the change is written to the audit log with the key that made it. Resetting a type that has no run-time limits changes nothing.',
        tags: ['job types'],
        responses: {
          '200': {
            description: 'The default limits, now in force.',
            content: view,
          },
          '400': problemResponse('Unknown type.', unknownType),
          '503': queueUnavailable(),
        },
      },
    },
  };
}
