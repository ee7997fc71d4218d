import { TypeCompiler } from '@sinclair/typebox/compiler';
import request from 'supertest';
import { ScheduleList, type AnySchedule } from '@errand/contracts';
import { findFreePort } from '@errand/local-redis';
import { JobStore } from '@errand/queue-core';
import {
  useQueueFixture,
  reconcileSchedules,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const file: AnySchedule[] = [
  {
    name: 'system.heartbeat',
    every: 300_000,
    type: 'system.noop',
    payload: {},
  },
  {
    name: 'weekly-digest',
    cron: '0 8 * * 1',
    timezone: 'America/New_York',
    type: 'email.send',
    payload: {
      to: 'team@example.com',
      subject: 'Digest',
      html: '<p>s3cret</p>',
    },
  },
];

describe('GET /schedules', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  it('answers an empty list before any worker reconciled', async () => {
    const res = await request(app()).get('/schedules');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ schedules: [] });
  });

  describe('after a worker reconciled the schedules file', () => {
    it('lists each schedule by name with its next run time', async () => {
      const before = Date.now();
      await reconcileSchedules(fixture.queues, file);

      const res = await request(app()).get('/schedules');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.schedules).toEqual([
        {
          name: 'system.heartbeat',
          type: 'system.noop',
          every: 300_000,
          payload: {},
          retries: 0,
          priority: 0,
          nextRunAt: expect.any(String),
        },
        {
          name: 'weekly-digest',
          type: 'email.send',
          cron: '0 8 * * 1',
          timezone: 'America/New_York',
          payload: {
            to: 'team@example.com',
            subject: 'Digest',
            html: '[redacted]',
          },
          retries: 5,
          priority: 0,
          nextRunAt: expect.any(String),
        },
      ]);
      const [heartbeat, digest] = res.body.schedules.map(
        (s: { nextRunAt: string }) => new Date(s.nextRunAt),
      );
      expect(heartbeat.getTime() - before).toBeGreaterThanOrEqual(300_000);
      // Monday 08:00 in New York: 12:00 or 13:00 UTC, within a week.
      expect(digest.getUTCDay()).toBe(1);
      expect([12, 13]).toContain(digest.getUTCHours());
      expect(digest.getTime() - before).toBeLessThanOrEqual(7 * 86_400_000);
    });

    it('answers with the documented ScheduleList shape', async () => {
      await reconcileSchedules(fixture.queues, file);

      const res = await request(app()).get('/schedules');

      expect(TypeCompiler.Compile(ScheduleList).Check(res.body)).toBe(true);
    });

    it('never shows a sensitive value', async () => {
      await reconcileSchedules(fixture.queues, file);

      const res = await request(app()).get('/schedules');

      expect(res.text).not.toContain('s3cret');
    });
  });

  describe('when Redis is down', () => {
    it('answers 503 queue.unavailable', async () => {
      const port = await findFreePort();
      const down = new JobStore({ redisUrl: `redis://127.0.0.1:${port}` });
      try {
        const res = await request(
          createApp({ queues: down, logger: createSilentLogger() }),
        ).get('/schedules');

        expect(res.status).toBe(503);
        expect(res.body.code).toBe('queue.unavailable');
      } finally {
        await down.close();
      }
    });
  });
});
