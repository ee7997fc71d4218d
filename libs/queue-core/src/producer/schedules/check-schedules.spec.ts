import {
  InvalidScheduleError,
  schedules,
  type AnySchedule,
} from '@errand/contracts';
import { checkSchedules } from './check-schedules';

const nightly: AnySchedule = {
  name: 'nightly',
  cron: '30 2 * * *',
  timezone: 'Europe/Paris',
  type: 'system.noop',
  payload: {},
};

function errorOf(file: readonly unknown[]): InvalidScheduleError {
  try {
    checkSchedules(file);
  } catch (error) {
    if (error instanceof InvalidScheduleError) return error;
    throw error;
  }
  throw new Error('checkSchedules accepted the file');
}

describe('checkSchedules', () => {
  it('accepts the shipped schedules file, cron patterns included', () => {
    expect(checkSchedules(schedules)).toEqual(schedules);
  });

  it.each([
    '*/5 * * * *',
    '0 9 * * 1-5',
    '0 0 1 * *',
    '*/10 * * * * *',
    '@daily',
  ])('accepts the cron pattern %s', cron => {
    expect(() => checkSchedules([{ ...nightly, cron }])).not.toThrow();
  });

  it.each([
    ['a minute out of range', '61 * * * *'],
    ['a month out of range', '0 0 1 13 *'],
    ['a broken range', '1- * * * *'],
    ['a date that never comes', '0 0 31 2 *'],
  ])('refuses %s, naming the schedule and the pattern', (_what, cron) => {
    const error = errorOf([{ ...nightly, cron }]);

    expect(error.scheduleName).toBe('nightly');
    expect(error.code).toBe('config.invalid');
    expect(error.issues).toEqual([
      { path: '/cron', message: expect.stringContaining(`"${cron}"`) },
    ]);
  });

  it.each(['* *', 'every day', '* * * * * * *'])(
    'refuses %j, which has not 5 or 6 fields',
    cron => {
      expect(errorOf([{ ...nightly, cron }]).issues[0].path).toBe('/cron');
    },
  );

  it('still applies the contract checks first', () => {
    expect(
      errorOf([{ ...nightly, payload: { extra: 1 } }]).issues[0].path,
    ).toBe('/payload/extra');
  });
});
