import type { ValidEnqueueRequest } from '@errand/contracts';
import { DEAD_LETTER_RETENTION } from './dead-letter-rules';
import { ERRAND_BACKOFF } from './retry/retry-policy';
import {
  DEFAULT_RETENTION,
  delayOf,
  jobOptionsFor,
  SUCCEEDED_RETENTION,
} from './job-options';

const id = '0b9c4c5e-8a43-4f7e-9a59-3f0f1c2d3e4f';
const now = Date.parse('2030-06-01T12:00:00.000Z');
const email: ValidEnqueueRequest = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
};

describe('jobOptionsFor', () => {
  it('keys the job by its id, leaving the creation time to BullMQ', () => {
    // Unless it is delayed: see 'when the request sets a time to run'.
    const options = jobOptionsFor(id, email, now);

    expect(options.jobId).toBe(id);
    // BullMQ stores it in the job's hash already; a copy in the options
    // would cost every job 25 bytes of Redis.
    expect(options).not.toHaveProperty('timestamp');
  });

  it("uses Errand's backoff and retention rules", () => {
    expect(jobOptionsFor(id, email, now)).toMatchObject({
      backoff: { type: ERRAND_BACKOFF },
      removeOnComplete: SUCCEEDED_RETENTION,
      removeOnFail: DEAD_LETTER_RETENTION,
    });
  });

  describe('when retention is configured', () => {
    it('keeps finished and dead jobs for what it says', () => {
      const retention = {
        finished: { age: 60, count: 5 },
        dead: { age: 3_600, count: 50 },
      };

      expect(jobOptionsFor(id, email, now, retention)).toMatchObject({
        removeOnComplete: { age: 60, count: 5 },
        removeOnFail: { age: 3_600, count: 50 },
      });
    });

    it('defaults to a day or 1 000, and 7 days or 10 000 for dead jobs', () => {
      expect(DEFAULT_RETENTION).toEqual({
        finished: { age: 86_400, count: 1_000 },
        dead: { age: 604_800, count: 10_000 },
      });
    });
  });

  describe('when the request sets retries', () => {
    it.each([0, 3, 25])('allows %i retries plus the first attempt', n => {
      expect(jobOptionsFor(id, { ...email, retries: n }, now).attempts).toBe(
        n + 1,
      );
    });
  });

  describe('when the request leaves options out', () => {
    it("takes the type's default retries", () => {
      const noop: ValidEnqueueRequest = { type: 'system.noop', payload: {} };

      expect(jobOptionsFor(id, email, now).attempts).toBe(6);
      expect(jobOptionsFor(id, noop, now).attempts).toBe(1);
    });

    it('sets neither a priority nor a delay', () => {
      const options = jobOptionsFor(id, email, now);

      expect(options).not.toHaveProperty('priority');
      expect(options).not.toHaveProperty('delay');
    });
  });

  describe('when the request sets a priority', () => {
    it('leaves priority 0 out, keeping the plain FIFO list', () => {
      expect(
        jobOptionsFor(id, { ...email, priority: 0 }, now),
      ).not.toHaveProperty('priority');
    });

    it('passes any other priority on', () => {
      expect(jobOptionsFor(id, { ...email, priority: 7 }, now).priority).toBe(
        7,
      );
    });
  });

  describe('when the request sets a time to run', () => {
    it('passes a delay on', () => {
      expect(jobOptionsFor(id, { ...email, delay: 1_500 }, now).delay).toBe(
        1_500,
      );
    });

    it('turns a future runAt into the delay until then', () => {
      const runAt = new Date(now + 60_000).toISOString();

      // The delay counts from `timestamp`, so it must be the same `now`.
      expect(jobOptionsFor(id, { ...email, runAt }, now)).toMatchObject({
        delay: 60_000,
        timestamp: now,
      });
    });

    it('runs a job whose runAt has passed at once', () => {
      const runAt = new Date(now - 60_000).toISOString();

      expect(jobOptionsFor(id, { ...email, runAt }, now)).not.toHaveProperty(
        'delay',
      );
    });
  });
});

describe('delayOf', () => {
  it('is 0 when the request sets no time', () => {
    expect(delayOf(email, now)).toBe(0);
  });

  it('reads runAt with its time zone offset', () => {
    const runAt = '2030-06-01T14:00:30+02:00';

    expect(delayOf({ ...email, runAt }, now)).toBe(30_000);
  });
});
