import { jobCatalog } from '../catalog/job-catalog';
import { schedules } from './schedules';
import { validateSchedules } from './validate-schedules';

// The schedules file is code that only runs in production, on a worker's
// start: this spec makes a bad schedule fail CI instead.
describe('the schedules file', () => {
  it('passes validation: shapes, names, time zones and payloads', () => {
    expect(() => validateSchedules(schedules)).not.toThrow();
  });

  it('gives every schedule its own name', () => {
    const names = schedules.map(schedule => schedule.name);

    expect(new Set(names).size).toBe(names.length);
  });

  it.each(schedules.map(schedule => [schedule.name, schedule] as const))(
    'enqueues a catalog job type with %s',
    (_name, schedule) => {
      expect(Object.keys(jobCatalog)).toContain(schedule.type);
    },
  );

  it('ships the heartbeat: system.noop every 5 minutes', () => {
    expect(schedules).toContainEqual({
      name: 'system.heartbeat',
      every: 300_000,
      type: 'system.noop',
      payload: {},
    });
  });
});
