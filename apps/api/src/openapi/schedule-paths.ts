import { type JsonSchema, ScheduleList, toJsonSchema } from '@errand/contracts';
import type { OpenApiPaths } from './openapi-object';
import { queueUnavailable } from './problem-responses';
import { componentRef } from './schema-names';

/** The document's tag for the recurring schedules. */
export const scheduleTag = {
  name: 'schedules',
  description:
    'Recurring jobs declared in the schedules file and reconciled by the workers.',
};

/** The component schemas the schedule paths refer to. */
export function scheduleSchemas(): Record<string, JsonSchema> {
  return { ScheduleList: toJsonSchema(ScheduleList) };
}

/** `GET /schedules`. */
export function schedulePaths(): OpenApiPaths {
  return {
    '/schedules': {
      get: {
        operationId: 'listSchedules',
        summary: 'List the recurring schedules',
        description:
          'Every schedule the workers reconciled from the schedules file (`libs/contracts/src/schedules/schedules.ts`), by name, with its cron pattern and time zone or its interval, job type, payload (fields marked `x-sensitive` read `[redacted]`), retries, priority and next run time.',
        tags: [scheduleTag.name],
        responses: {
          '200': {
            description: 'The schedules.',
            content: {
              'application/json': { schema: componentRef('ScheduleList') },
            },
          },
          '503': queueUnavailable(),
        },
      },
    },
  };
}
