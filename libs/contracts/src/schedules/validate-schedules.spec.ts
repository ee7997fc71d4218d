import { ErrorCode } from '../errors/error-code';
import { InvalidScheduleError } from './invalid-schedule-error';
import { defineSchedule } from './schedule-definition';
import { isTimeZone, validateSchedules } from './validate-schedules';

const report = defineSchedule({
  name: 'daily-report',
  cron: '0 6 * * *',
  timezone: 'Europe/Paris',
  type: 'email.send',
  payload: { to: 'ops@example.com', subject: 'Daily report' },
  retries: 2,
});

function errorOf(schedules: readonly unknown[]): InvalidScheduleError {
  try {
    validateSchedules(schedules);
  } catch (error) {
    if (error instanceof InvalidScheduleError) return error;
    throw error;
  }
  throw new Error('validateSchedules accepted the schedules');
}

describe('validateSchedules', () => {
  it('accepts cron and every schedules and returns them', () => {
    const heartbeat = {
      name: 'a.b',
      every: 1_000,
      type: 'system.noop',
      payload: {},
    };

    expect(validateSchedules([report, heartbeat])).toEqual([report, heartbeat]);
  });

  it('accepts an empty file', () => {
    expect(validateSchedules([])).toEqual([]);
  });

  describe('when a payload breaks its type contract', () => {
    it('names the schedule and points at the field, with code config.invalid', () => {
      const error = errorOf([
        { ...report, payload: { to: 'not an address', subject: 'x' } },
      ]);

      expect(error.scheduleName).toBe('daily-report');
      expect(error.code).toBe(ErrorCode.configInvalid);
      expect(error.issues).toEqual([
        { path: '/payload/to', message: expect.any(String) },
      ]);
      expect(error.message).toContain('"daily-report"');
    });
  });

  describe('when the timing is wrong', () => {
    it('refuses both cron and every', () => {
      expect(errorOf([{ ...report, every: 60_000 }]).issues).toEqual([
        { path: '/', message: 'Set exactly one of `cron` and `every`.' },
      ]);
    });

    it('refuses neither cron nor every', () => {
      const { cron: _cron, timezone: _tz, ...untimed } = report;

      expect(errorOf([untimed]).issues[0].path).toBe('/');
    });

    it('refuses an every under one second', () => {
      const fast = {
        name: 'fast',
        every: 999,
        type: 'system.noop',
        payload: {},
      };

      expect(errorOf([fast]).issues[0].path).toBe('/every');
    });

    it('refuses a time zone with every', () => {
      const zoned = {
        name: 'zoned',
        every: 60_000,
        timezone: 'UTC',
        type: 'system.noop',
        payload: {},
      };

      expect(errorOf([zoned]).issues[0].path).toBe('/timezone');
    });

    it('refuses an unknown time zone', () => {
      const error = errorOf([{ ...report, timezone: 'Mars/Olympus' }]);

      expect(error.issues).toEqual([
        { path: '/timezone', message: expect.stringContaining('Mars/Olympus') },
      ]);
    });
  });

  describe('when names are wrong', () => {
    it.each(['Daily', 'daily report', 'daily:report', 'a..b', '-a', ''])(
      'refuses %j',
      name => {
        expect(errorOf([{ ...report, name }]).issues[0].path).toBe('/name');
      },
    );

    it('refuses two schedules with one name', () => {
      const error = errorOf([report, { ...report, cron: '0 7 * * *' }]);

      expect(error.scheduleName).toBe('daily-report');
      expect(error.issues).toEqual([
        { path: '/name', message: 'Another schedule has this name.' },
      ]);
    });
  });

  it('refuses a job type the catalog does not list', () => {
    expect(errorOf([{ ...report, type: 'sms.send' }]).issues[0].path).toBe(
      '/type',
    );
  });

  it('refuses retries above the maximum', () => {
    expect(errorOf([{ ...report, retries: 26 }]).issues[0].path).toBe(
      '/retries',
    );
  });

  it('names a schedule without a name by its position', () => {
    expect(errorOf([report, { every: 1_000 }]).scheduleName).toBe('#1');
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Paris', 'America/New_York'])('knows %s', zone => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', 'Paris', '+02:00'])('does not know %s', zone => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

describe('defineSchedule', () => {
  it('returns the schedule it is given', () => {
    const schedule = {
      name: 'x',
      every: 1_000,
      type: 'system.noop' as const,
      payload: {},
    };

    expect(defineSchedule(schedule)).toBe(schedule);
  });
});

// Never called: `tsc` (the typecheck target) fails if these compile.
export function schedulesThatMustNotCompile(): void {
  defineSchedule({
    name: 'typed',
    every: 1_000,
    type: 'system.sleep',
    // @ts-expect-error system.sleep takes {ms: number}
    payload: { ms: 'long' },
  });
  // @ts-expect-error cron and every exclude each other
  defineSchedule({
    name: 'both',
    cron: '* * * * *',
    every: 1_000,
    type: 'system.noop',
    payload: {},
  });
}
