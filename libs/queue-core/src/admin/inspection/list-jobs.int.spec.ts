import { setTimeout as sleep } from 'node:timers/promises';
import type { EnqueueAccepted, ValidEnqueueRequest } from '@errand/contracts';
import { cancelJob } from '../operations/cancel-job';
import { enqueueJob } from '../../index';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';
import { getJobView } from '../../store/find-job';
import { encodeCursor } from './job-cursor';
import { listJobs, type JobFilter } from './list-jobs';

const email = (to: string): ValidEnqueueRequest => ({
  type: 'email.send',
  payload: { to, subject: 'Hi' },
});
const noop: ValidEnqueueRequest = { type: 'system.noop', payload: {} };

describe('listJobs', () => {
  const fixture = useQueueFixture();
  /** Enqueued oldest first: two emails, a noop, a scheduled noop. */
  let jobs: EnqueueAccepted[];

  async function enqueueSpaced(requests: ValidEnqueueRequest[]) {
    const accepted = [];
    for (const request of requests) {
      accepted.push(await enqueueJob(fixture.queues, request));
      // Distinct creation times make "newest first" a strict order.
      await sleep(3);
    }
    return accepted;
  }

  beforeEach(async () => {
    jobs = await enqueueSpaced([
      email('a@example.com'),
      email('b@example.com'),
      noop,
      { ...noop, delay: 60_000 },
    ]);
  });

  const idsOf = (views: { id: string }[]) => views.map(view => view.id);
  const newestFirst = (...indexes: number[]) => indexes.map(i => jobs[i].id);
  const list = async (filter?: JobFilter) =>
    (await listJobs(fixture.queues, filter)).jobs;

  /** Every page of a listing, following nextCursor to the end. */
  async function allPages(filter: JobFilter, between?: () => Promise<void>) {
    const pages: string[][] = [];
    let cursor = filter.cursor;
    do {
      const page = await listJobs(fixture.queues, { ...filter, cursor });
      pages.push(idsOf(page.jobs));
      cursor = page.nextCursor ?? undefined;
      if (cursor) await between?.();
    } while (cursor);
    return pages;
  }

  describe('without a filter', () => {
    it('lists every job of every type, newest first', async () => {
      expect(idsOf(await list())).toEqual(newestFirst(3, 2, 1, 0));
    });

    it('says there is no next page when all fit', async () => {
      expect((await listJobs(fixture.queues)).nextCursor).toBeNull();
    });
  });

  describe('when filtered by status', () => {
    it('lists only jobs with that status', async () => {
      const views = await list({ status: 'scheduled' });

      expect(idsOf(views)).toEqual(newestFirst(3));
      expect(views[0].status).toBe('scheduled');
    });

    it('lists nothing when no job has it', async () => {
      expect(await list({ status: 'dead' })).toEqual([]);
      expect(await list({ status: 'retrying' })).toEqual([]);
    });
  });

  describe('when filtered by type', () => {
    it('lists only jobs of that type, newest first', async () => {
      const views = await list({ type: 'email.send' });

      expect(idsOf(views)).toEqual(newestFirst(1, 0));
      expect(views.map(view => view.payload)).toEqual([
        { to: 'b@example.com', subject: 'Hi' },
        { to: 'a@example.com', subject: 'Hi' },
      ]);
    });

    it('combines with a status filter', async () => {
      const views = await list({ type: 'system.noop', status: 'queued' });

      expect(idsOf(views)).toEqual(newestFirst(2));
    });
  });

  describe('when paged with a limit', () => {
    it('lists the newest jobs up to it, with a cursor to the rest', async () => {
      const first = await listJobs(fixture.queues, { limit: 2 });

      expect(idsOf(first.jobs)).toEqual(newestFirst(3, 2));
      expect(first.nextCursor).toEqual(expect.any(String));

      const second = await listJobs(fixture.queues, {
        limit: 2,
        cursor: first.nextCursor ?? '',
      });
      expect(idsOf(second.jobs)).toEqual(newestFirst(1, 0));
    });

    it('visits every job once across pages of one', async () => {
      expect(await allPages({ limit: 1 })).toEqual([
        ...newestFirst(3, 2, 1, 0).map(id => [id]),
        [],
      ]);
    });

    it('orders jobs created in the same millisecond by id', async () => {
      const now = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 1_000);
      const twins = await Promise.all(
        [1, 2, 3, 4, 5].map(() => enqueueJob(fixture.queues, noop)),
      );
      now.mockRestore();
      const ids = twins
        .map(j => j.id)
        .sort()
        .reverse();

      const pages = await allPages({ type: 'system.noop', limit: 2 });

      expect(pages.flat().slice(0, 5)).toEqual(ids);
      expect(pages.flat()).toHaveLength(new Set(pages.flat()).size);
    });

    it('lists each job once while jobs run between pages', async () => {
      const more = await enqueueSpaced([noop, noop, noop, noop]);
      const all = [...jobs, ...more].map(j => j.id).reverse();
      let consumed = false;

      const pages = await allPages({ limit: 3 }, async () => {
        if (consumed) return;
        consumed = true;
        fixture.startConsumer({
          types: ['system.noop', 'email.send'],
          concurrency: 4,
          handlers: testHandlers(),
        });
        for (const id of all.slice(3).filter(id => id !== jobs[3].id)) {
          await waitFor(
            () => getJobView(fixture.queues, id),
            view => view.status === 'succeeded',
          );
        }
      });

      expect(pages.flat()).toEqual(all);
    });

    it('reads queues longer than one round trip', async () => {
      const ids = new Set(jobs.map(j => j.id));
      for (let batch = 0; batch < 12; batch++) {
        const added = await Promise.all(
          Array.from({ length: 100 }, () => enqueueJob(fixture.queues, noop)),
        );
        for (const job of added) ids.add(job.id);
      }

      const pages = await allPages({ limit: 500 });

      expect(pages.map(page => page.length)).toEqual([500, 500, 204]);
      expect(new Set(pages.flat())).toEqual(ids);
    });

    it('never shows jobs created after paging began on later pages', async () => {
      const first = await listJobs(fixture.queues, { limit: 2 });
      await enqueueJob(fixture.queues, noop);

      const rest = await allPages({ limit: 2, cursor: first.nextCursor ?? '' });

      expect(rest.flat()).toEqual(newestFirst(1, 0));
    });

    it('rejects a cursor it did not make, naming the parameter', async () => {
      await expect(
        listJobs(fixture.queues, { cursor: 'not-a-cursor' }),
      ).rejects.toMatchObject({
        code: 'request.invalidParameter',
        issues: [{ path: '/query/cursor' }],
      });
    });

    it('takes a cursor as a bound, not as a job that must exist', async () => {
      const cursor = encodeCursor({
        createdAt: Date.parse(jobs[2].createdAt),
        id: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
      });

      expect(idsOf(await list({ cursor }))).toEqual(newestFirst(2, 1, 0));
    });
  });

  describe('when jobs were cancelled', () => {
    it('lists them with their status, in creation order', async () => {
      await cancelJob(fixture.queues, jobs[1].id, 'test');

      expect(idsOf(await list())).toEqual(newestFirst(3, 2, 1, 0));
      const cancelled = await list({ status: 'cancelled' });
      expect(idsOf(cancelled)).toEqual(newestFirst(1));
      expect(cancelled[0].status).toBe('cancelled');
    });
  });
});
