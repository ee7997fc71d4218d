import { randomBytes } from 'node:crypto';
import type { JobSchedulerJson } from 'bullmq';
import type { ScheduleDefinition } from '@errand/contracts';
import { DEAD_LETTER_RETENTION } from '../../store/dead-letter-rules';
import { SUCCEEDED_RETENTION } from '../../store/job-options';
import { ERRAND_BACKOFF } from '../../store/retry/retry-policy';
import { createPayloadCipher } from '../../store/security/payload-cipher';
import { schedulerMatches, schedulerSpecOf } from './scheduler-template';

const now = Date.parse('2030-06-01T12:00:00.000Z');
const report: ScheduleDefinition = {
  name: 'daily-report',
  cron: '0 6 * * *',
  timezone: 'Europe/Paris',
  type: 'email.send',
  payload: { to: 'ops@example.com', subject: 'Report', text: 'secret' },
  retries: 2,
};
const heartbeat: ScheduleDefinition = {
  name: 'heartbeat',
  every: 60_000,
  type: 'system.noop',
  payload: {},
};

/** The scheduler BullMQ would hand back for a spec (a JSON round trip). */
function storedAs(schedule: ScheduleDefinition): JobSchedulerJson {
  const { repeat, template } = schedulerSpecOf(schedule, {}, now);
  return JSON.parse(
    JSON.stringify({
      key: `errand.schedule:${schedule.name}`,
      name: template.name,
      pattern: repeat.pattern,
      tz: repeat.tz,
      every: repeat.every,
      next: now + 1,
      template: { data: template.data, opts: template.opts },
    }),
  ) as JobSchedulerJson;
}

describe('schedulerSpecOf', () => {
  it('runs a cron schedule on its pattern in its time zone', () => {
    expect(schedulerSpecOf(report, {}, now).repeat).toEqual({
      pattern: '0 6 * * *',
      tz: 'Europe/Paris',
    });
  });

  it('first runs an every schedule one interval from now', () => {
    expect(schedulerSpecOf(heartbeat, {}, now).repeat).toEqual({
      every: 60_000,
      startDate: now + 60_000,
    });
  });

  it('builds the envelope and options enqueueJob gives a job', () => {
    const { template } = schedulerSpecOf(report, {}, now);

    expect(template.name).toBe('email.send');
    expect(template.data).toEqual({ payload: report.payload, version: 1 });
    expect(template.opts).toMatchObject({
      attempts: 3,
      backoff: { type: ERRAND_BACKOFF },
      removeOnComplete: SUCCEEDED_RETENTION,
      removeOnFail: DEAD_LETTER_RETENTION,
    });
  });

  it('leaves out what each run gets for itself: id, time, delay', () => {
    const { opts } = schedulerSpecOf(report, {}, now).template;

    expect(opts).not.toHaveProperty('jobId');
    expect(opts).not.toHaveProperty('timestamp');
    expect(opts).not.toHaveProperty('delay');
  });

  it("takes the type's default retries and priority", () => {
    const { opts } = schedulerSpecOf(heartbeat, {}, now).template;

    expect(opts.attempts).toBe(1);
    expect(opts).not.toHaveProperty('priority');
  });

  it('keeps finished runs as long as the retention says', () => {
    const retention = {
      finished: { age: 60, count: 10 },
      dead: { age: 3_600, count: 100 },
    };
    const { opts } = schedulerSpecOf(heartbeat, { retention }, now).template;

    expect(opts).toMatchObject({
      removeOnComplete: { age: 60, count: 10 },
      removeOnFail: { age: 3_600, count: 100 },
    });
  });

  it('seals sensitive fields with a cipher', () => {
    const cipher = createPayloadCipher(randomBytes(32));
    const { data } = schedulerSpecOf(report, { cipher }, now).template;

    expect(JSON.stringify(data)).not.toContain('secret');
    const scope = {
      type: 'email.send',
      schedulerId: 'errand.schedule:daily-report',
    };
    expect(cipher.open(scope, data.payload)).toEqual(report.payload);
    // Each run of the scheduler opens it; another scheduler's does not.
    const run = {
      type: 'email.send',
      jobId: 'repeat:errand.schedule:daily-report:1',
    };
    expect(cipher.open(run, data.payload)).toEqual(report.payload);
    const other = {
      type: 'email.send',
      jobId: 'repeat:errand.schedule:weekly:1',
    };
    expect(() => cipher.open(other, data.payload)).toThrow();
  });
});

describe('schedulerMatches', () => {
  it('is true for the scheduler the schedule itself wrote', () => {
    expect(schedulerMatches(storedAs(report), report, {})).toBe(true);
    expect(schedulerMatches(storedAs(heartbeat), heartbeat, {})).toBe(true);
  });

  it.each<[string, ScheduleDefinition]>([
    ['cron', { ...report, cron: '0 7 * * *' }],
    ['time zone', { ...report, timezone: undefined }],
    ['payload', { ...report, payload: { to: 'a@example.com', subject: 'R' } }],
    ['retries', { ...report, retries: 0 }],
    ['priority', { ...report, priority: 9 }],
    ['type', { ...report, type: 'system.noop', payload: {} }],
  ])('is false when the %s changed', (_what, changed) => {
    expect(schedulerMatches(storedAs(report), changed, {})).toBe(false);
  });

  it('is false when the interval changed, or a cron replaced it', () => {
    const every = { ...heartbeat, every: 120_000 };
    const cron = { ...report, name: 'heartbeat' };

    expect(schedulerMatches(storedAs(heartbeat), every, {})).toBe(false);
    expect(schedulerMatches(storedAs(heartbeat), cron, {})).toBe(false);
  });

  it('is false when the retention changed', () => {
    const retention = {
      finished: { age: 60, count: 10 },
      dead: { age: 3_600, count: 100 },
    };

    expect(
      schedulerMatches(storedAs(heartbeat), heartbeat, { retention }),
    ).toBe(false);
  });

  it('is false when the contract version moved on', () => {
    const stored = storedAs(heartbeat);
    stored.template = { ...stored.template, data: { payload: {}, version: 0 } };

    expect(schedulerMatches(stored, heartbeat, {})).toBe(false);
  });

  describe('with a cipher', () => {
    const cipher = createPayloadCipher(randomBytes(32));

    it('compares sealed payloads opened', () => {
      const stored = storedAs(report);
      stored.template = {
        ...stored.template,
        data: schedulerSpecOf(report, { cipher }, now).template.data,
      };

      expect(schedulerMatches(stored, report, { cipher })).toBe(true);
    });

    it('is false for sensitive fields stored in clear', () => {
      expect(schedulerMatches(storedAs(report), report, { cipher })).toBe(
        false,
      );
    });

    it('is false for a payload sealed with another key', () => {
      const stored = storedAs(report);
      const other = createPayloadCipher(randomBytes(32));
      stored.template = {
        ...stored.template,
        data: schedulerSpecOf(report, { cipher: other }, now).template.data,
      };

      expect(schedulerMatches(stored, report, { cipher })).toBe(false);
    });

    it('is false for a payload sealed under an older key of the ring', () => {
      const older = randomBytes(32);
      const stored = storedAs(report);
      stored.template = {
        ...stored.template,
        data: schedulerSpecOf(
          report,
          { cipher: createPayloadCipher([{ id: 'old', key: older }]) },
          now,
        ).template.data,
      };
      const ring = createPayloadCipher([
        { id: 'new', key: randomBytes(32) },
        { id: 'old', key: older },
      ]);

      expect(schedulerMatches(stored, report, { cipher: ring })).toBe(false);
    });

    it('is true for a payload with nothing to seal', () => {
      expect(schedulerMatches(storedAs(heartbeat), heartbeat, { cipher })).toBe(
        true,
      );
    });
  });
});
