import { jobTypes, type JobView, retry } from '@errand/contracts';
import { getJobView } from '../../store/find-job';
// Another wing's code, reached as users reach it: through the lib's door.
import { enqueueJob } from '../../index';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
} from '../../testing/index';
import { listDeadJobs } from './list-dead-jobs';

describe('listDeadJobs', () => {
  const fixture = useQueueFixture();

  beforeEach(() => {
    fixture.startConsumer({
      types: jobTypes,
      concurrency: 1,
      retryPolicy: FAST_RETRY_POLICY,
      handlers: testHandlers({
        'system.noop': async () => retry('noop broke'),
      }),
    });
  });

  /** Enqueues a job that fails once, and waits until it is dead. */
  async function dead(type: 'system.fail' | 'system.noop'): Promise<string> {
    const { id } = await enqueueJob(fixture.queues, {
      type,
      payload: type === 'system.fail' ? { message: 'fail broke' } : {},
      retries: 0,
    });
    await waitFor(
      () => getJobView(fixture.queues, id),
      view => view.status === 'dead',
    );
    return id;
  }

  const ids = (jobs: JobView[]) => jobs.map(job => job.id);

  describe('when the dead jobs fill several pages', () => {
    it('pages through all of them, newest first, with a stable cursor', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push(await dead('system.fail'));

      const first = await listDeadJobs(fixture.queues, { limit: 2 });
      // A job that dies while a client pages does not shift the pages.
      const late = await dead('system.fail');
      const second = await listDeadJobs(fixture.queues, {
        limit: 2,
        cursor: first.nextCursor ?? '',
      });
      const third = await listDeadJobs(fixture.queues, {
        limit: 2,
        cursor: second.nextCursor ?? '',
      });

      expect([first, second, third].map(page => page.jobs.length)).toEqual([
        2, 2, 1,
      ]);
      expect(third.nextCursor).toBeNull();
      const paged = [...first.jobs, ...second.jobs, ...third.jobs];
      expect(ids(paged)).toEqual(made.slice().reverse());
      expect(ids(paged)).not.toContain(late);
      const finished = paged.map(job => job.finishedAt ?? '');
      expect(finished).toEqual([...finished].sort().reverse());
    });
  });

  it('shows each dead job without its timeline, with its error', async () => {
    const id = await dead('system.fail');

    const { jobs } = await listDeadJobs(fixture.queues);

    expect(jobs).toEqual([
      expect.objectContaining({
        id,
        type: 'system.fail',
        status: 'dead',
        lastError: { message: 'fail broke', stack: expect.any(String) },
      }),
    ]);
    expect(jobs[0]).not.toHaveProperty('timeline');
  });

  it('lists one type when asked, every type otherwise', async () => {
    const fail = await dead('system.fail');
    const noop = await dead('system.noop');

    const one = await listDeadJobs(fixture.queues, { type: 'system.fail' });
    const all = await listDeadJobs(fixture.queues);

    expect(ids(one.jobs)).toEqual([fail]);
    expect(ids(all.jobs)).toEqual([noop, fail]);
  });

  it('answers an empty last page when nothing is dead', async () => {
    await expect(listDeadJobs(fixture.queues)).resolves.toEqual({
      jobs: [],
      nextCursor: null,
    });
  });

  it('refuses a cursor it did not give out', async () => {
    await expect(
      listDeadJobs(fixture.queues, { cursor: 'bogus' }),
    ).rejects.toMatchObject({ code: 'request.invalidParameter' });
  });
});
