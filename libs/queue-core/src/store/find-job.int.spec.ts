import { randomUUID } from 'node:crypto';
import { parseEnqueueRequest } from '@errand/contracts';
import { findFreePort } from '@errand/local-redis';
import { enqueueJob } from '../producer/enqueue-job';
import { JobNotFoundError } from './errors/job-not-found-error';
import { JobStore } from './job-store';
import { useQueueFixture } from '../testing/index';
import { getJobView } from './find-job';

describe('getJobView', () => {
  describe('when no job has the id', () => {
    const fixture = useQueueFixture();

    it('rejects a UUID that was never enqueued with JobNotFoundError', async () => {
      const id = randomUUID();

      await expect(getJobView(fixture.queues, id)).rejects.toThrow(
        JobNotFoundError,
      );
      await expect(getJobView(fixture.queues, id)).rejects.toMatchObject({
        code: 'job.notFound',
        jobId: id,
        message: `No job has the id "${id}".`,
      });
    });

    it('rejects an id that is not a UUID with JobNotFoundError', async () => {
      await expect(
        getJobView(fixture.queues, 'not-a-uuid'),
      ).rejects.toMatchObject({
        name: 'JobNotFoundError',
        code: 'job.notFound',
      });
    });
  });

  describe('when the id is not a UUID and Redis is down', () => {
    let queues: JobStore;

    beforeEach(async () => {
      const port = await findFreePort();
      queues = new JobStore({ redisUrl: `redis://127.0.0.1:${port}` });
    });

    afterEach(async () => {
      await queues.close();
    });

    it('answers not found without asking Redis', async () => {
      await expect(getJobView(queues, '42')).rejects.toThrow(JobNotFoundError);
    });
  });
});

describe('getJobView of a scheduled run', () => {
  const fixture = useQueueFixture();

  it('finds a run by the id BullMQ gave it', async () => {
    await fixture.queues.ping();
    const queue = fixture.queues.queueFor('system.noop');
    await queue.upsertJobScheduler(
      'errand.schedule:heartbeat',
      { every: 60_000 },
      { name: 'system.noop', data: { payload: {}, version: 1 } },
    );
    const [run] = await queue.getJobs(['delayed', 'wait']);
    const id = run.id ?? '';

    const view = await getJobView(fixture.queues, id);

    expect(id).toMatch(/^repeat:errand\.schedule:heartbeat:\d+$/);
    expect(view).toMatchObject({ id, type: 'system.noop' });
  });
});

describe('getJobView of a job whose id names no type', () => {
  const fixture = useQueueFixture();

  it('finds a job enqueued before types were in ids (a UUIDv4) in any queue', async () => {
    const id = randomUUID();
    await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({ type: 'system.noop', payload: {} }),
      { id },
    );

    const view = await getJobView(fixture.queues, id);

    expect(view).toMatchObject({ id, type: 'system.noop', status: 'queued' });
  });
});
