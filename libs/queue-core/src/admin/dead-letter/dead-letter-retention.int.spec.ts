import { jobTypes } from '@errand/contracts';
import { getJobView } from '../../store/find-job';
// Another wing's code, reached as users reach it: through the lib's door.
import { enqueueJob } from '../../index';
import { JobStore } from '../../store/job-store';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
} from '../../testing/index';
import { listDeadJobs } from './list-dead-jobs';

describe('dead-letter retention', () => {
  const fixture = useQueueFixture();

  describe('when the queue set keeps 2 dead jobs per type', () => {
    it('keeps the newest 2 and removes the older ones', async () => {
      const queues = new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
        retention: {
          finished: { age: 60, count: 10 },
          dead: { age: 3_600, count: 2 },
        },
      });
      try {
        fixture.startConsumer({
          types: jobTypes,
          concurrency: 1,
          retryPolicy: FAST_RETRY_POLICY,
          handlers: testHandlers(),
        });
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
          const { id } = await enqueueJob(queues, {
            type: 'system.fail',
            payload: {},
            retries: 0,
          });
          await waitFor(
            () => getJobView(queues, id),
            view => view.status === 'dead',
          );
          ids.push(id);
        }

        const { jobs } = await listDeadJobs(queues);

        expect(jobs.map(job => job.id)).toEqual([ids[2], ids[1]]);
        await expect(getJobView(queues, ids[0])).rejects.toMatchObject({
          code: 'job.notFound',
        });
      } finally {
        await queues.close();
      }
    });
  });
});
