import { setTimeout as sleep } from 'node:timers/promises';
import { discard, jobTypes, type ValidEnqueueRequest } from '@errand/contracts';
import { getJobView } from '../../store/find-job';
import { enqueueJob } from '../../index';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { countJobs } from './count-jobs';

const none = {
  queued: 0,
  delayed: 0,
  running: 0,
  waiting: 0,
  succeeded: 0,
  dead: 0,
};
const email: ValidEnqueueRequest = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Hi' },
};

describe('countJobs', () => {
  const fixture = useQueueFixture();

  describe('when the queues are empty', () => {
    it('counts zero for every type, in catalog order', async () => {
      const empty = {
        version: 1,
        counts: none,
        waitingByVersion: {},
        waitingByVersionComplete: true,
        throughput: {
          lastMinute: { finished: 0, failed: 0 },
          lastHour: { finished: 0, failed: 0 },
        },
        completionRate: null,
        oldestQueuedAgeMs: null,
      };
      expect(await countJobs(fixture.queues)).toEqual(
        jobTypes.map(type => ({ type, ...empty })),
      );
      expect(jobTypes.slice(0, 2)).toEqual(['email.send', 'system.noop']);
    });
  });

  describe('when jobs wait', () => {
    it('counts queued jobs, prioritized ones included, and delayed ones', async () => {
      await enqueueJob(fixture.queues, email);
      await enqueueJob(fixture.queues, { ...email, priority: 3 });
      await enqueueJob(fixture.queues, { ...email, delay: 60_000 });
      await enqueueJob(fixture.queues, { type: 'system.noop', payload: {} });

      const stats = await countJobs(fixture.queues);

      expect(stats.find(s => s.type === 'email.send')?.counts).toEqual({
        ...none,
        queued: 2,
        delayed: 1,
      });
      expect(stats.find(s => s.type === 'system.noop')?.counts).toEqual({
        ...none,
        queued: 1,
      });
      // Every waiting job was written at the catalog's current version.
      expect(stats.find(s => s.type === 'email.send')).toMatchObject({
        waitingByVersion: { '1': 3 },
        waitingByVersionComplete: true,
      });
    });
  });

  describe('when jobs have waited', () => {
    it('gives the age of the oldest queued job, scheduled ones aside', async () => {
      await enqueueJob(fixture.queues, { ...email, delay: 60_000 });
      await sleep(5);
      const oldest = await enqueueJob(fixture.queues, email);
      await sleep(100);
      await enqueueJob(fixture.queues, { ...email, priority: 9 });

      const before = Date.now();
      const stats = await countJobs(fixture.queues);
      const after = Date.now();

      const age = stats.find(s => s.type === 'email.send')?.oldestQueuedAgeMs;
      const created = Date.parse(oldest.createdAt);
      expect(age).toBeGreaterThanOrEqual(before - created);
      expect(age).toBeLessThanOrEqual(after - created);
      expect(
        stats.find(s => s.type === 'system.noop')?.oldestQueuedAgeMs,
      ).toBeNull();
    });
  });

  describe('when workers have finished jobs', () => {
    it('counts finished and failed ones and the completion rate', async () => {
      const ids = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await enqueueJob(fixture.queues, email)).id);
      }
      const fail: ValidEnqueueRequest = { type: 'system.fail', payload: {} };
      ids.push((await enqueueJob(fixture.queues, fail)).id);
      fixture.startConsumer({
        types: ['email.send', 'system.fail'],
        concurrency: 2,
        handlers: testHandlers({
          'system.fail': async () => discard('on purpose'),
        }),
      });
      for (const id of ids) {
        await waitFor(
          () => getJobView(fixture.queues, id),
          view => view.status === 'succeeded' || view.status === 'dead',
        );
      }

      const stats = await countJobs(fixture.queues);

      const emails = stats.find(s => s.type === 'email.send');
      expect(emails).toMatchObject({
        throughput: {
          lastMinute: { finished: 3, failed: 0 },
          lastHour: { finished: 3, failed: 0 },
        },
        completionRate: 1,
        oldestQueuedAgeMs: null,
      });
      expect(stats.find(s => s.type === 'system.fail')).toMatchObject({
        throughput: { lastHour: { finished: 1, failed: 1 } },
        completionRate: 0,
      });
      expect(stats.find(s => s.type === 'system.noop')?.completionRate).toBe(
        null,
      );
    });
  });
});
