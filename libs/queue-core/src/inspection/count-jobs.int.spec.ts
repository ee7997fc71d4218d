import { jobTypes, type ValidEnqueueRequest } from '@errand/contracts';
import { enqueueJob } from '../producer/enqueue-job';
import { useQueueFixture } from '../testing';
import { countJobs } from './count-jobs';

const none = { queued: 0, delayed: 0, running: 0, succeeded: 0, dead: 0 };
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
});
