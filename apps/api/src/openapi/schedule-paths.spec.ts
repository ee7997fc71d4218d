import { withAccessControl } from './access-control';
import { buildOpenApiDocument } from './build-openapi-document';
import { schedulePaths, scheduleTag } from './schedule-paths';

describe('the schedules in the OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('documents GET /schedules under the schedules tag', () => {
    // As served: admin only (see access-control.ts).
    expect(doc.paths['/schedules']).toEqual(
      withAccessControl(schedulePaths())['/schedules'],
    );
    expect(doc.tags).toContainEqual(scheduleTag);
  });

  it('answers with the ScheduleList schema, next run time included', () => {
    const list = doc.components.schemas['ScheduleList'] as {
      properties: { schedules: { items: { required: string[] } } };
    };

    expect(list.properties.schedules.items.required).toEqual(
      expect.arrayContaining(['name', 'type', 'payload', 'nextRunAt']),
    );
  });
});
