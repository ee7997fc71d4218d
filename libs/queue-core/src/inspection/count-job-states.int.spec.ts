import { jobTypes, type ValidEnqueueRequest } from '@errand/contracts';
import { QueueUnavailableError } from '../errors/queue-unavailable-error';
import { enqueueJob } from '../producer/enqueue-job';
import { QueueSet } from '../queues/queue-set';
import { useQueueFixture } from '../testing';
import { countJobStates } from './count-job-states';

const none = { queued: 0, delayed: 0, running: 0, succeeded: 0, dead: 0 };
const email: ValidEnqueueRequest = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Hi' },
};

describe('countJobStates', () => {
  const fixture = useQueueFixture();

  it('counts every type by status, in catalog order', async () => {
    await enqueueJob(fixture.queues, email);
    await enqueueJob(fixture.queues, { ...email, priority: 3 });
    await enqueueJob(fixture.queues, { ...email, delay: 60_000 });

    const states = await countJobStates(fixture.queues);

    expect(states.map(s => s.type)).toEqual([...jobTypes]);
    expect(states[0]).toEqual({
      type: 'email.send',
      counts: { ...none, queued: 2, delayed: 1 },
    });
    expect(states[1].counts).toEqual(none);
  });

  describe('when Redis is not there', () => {
    it('rejects as unavailable within the deadline', async () => {
      const queues = new QueueSet({
        redisUrl: 'redis://127.0.0.1:1',
        prefix: fixture.prefix,
        deadlineMs: 200,
      });
      try {
        const started = Date.now();
        await expect(countJobStates(queues)).rejects.toBeInstanceOf(
          QueueUnavailableError,
        );
        expect(Date.now() - started).toBeLessThan(2_000);
      } finally {
        await queues.close();
      }
    });
  });
});
