import { setTimeout as sleep } from 'node:timers/promises';
import type { EnqueueAccepted, ValidEnqueueRequest } from '@errand/contracts';
import { enqueueJob } from '../producer/enqueue-job';
import { useQueueFixture } from '../testing';
import { listJobs } from './list-jobs';

const email = (to: string): ValidEnqueueRequest => ({
  type: 'email.send',
  payload: { to, subject: 'Hi' },
});
const noop: ValidEnqueueRequest = { type: 'system.noop', payload: {} };

describe('listJobs', () => {
  const fixture = useQueueFixture();
  /** Enqueued oldest first: two emails, a noop, a scheduled noop. */
  let jobs: EnqueueAccepted[];

  beforeEach(async () => {
    jobs = [];
    for (const request of [
      email('a@example.com'),
      email('b@example.com'),
      noop,
      { ...noop, delay: 60_000 },
    ]) {
      jobs.push(await enqueueJob(fixture.queues, request));
      // Distinct creation times make "newest first" a strict order.
      await sleep(3);
    }
  });

  const idsOf = (views: { id: string }[]) => views.map(view => view.id);
  const newestFirst = (...indexes: number[]) => indexes.map(i => jobs[i].id);

  describe('without a filter', () => {
    it('lists every job of every type, newest first', async () => {
      expect(idsOf(await listJobs(fixture.queues))).toEqual(
        newestFirst(3, 2, 1, 0),
      );
    });
  });

  describe('when filtered by status', () => {
    it('lists only jobs with that status', async () => {
      const views = await listJobs(fixture.queues, { status: 'scheduled' });

      expect(idsOf(views)).toEqual(newestFirst(3));
      expect(views[0].status).toBe('scheduled');
    });

    it('lists nothing when no job has it', async () => {
      expect(await listJobs(fixture.queues, { status: 'dead' })).toEqual([]);
    });
  });

  describe('when filtered by type', () => {
    it('lists only jobs of that type, newest first', async () => {
      const views = await listJobs(fixture.queues, { type: 'email.send' });

      expect(idsOf(views)).toEqual(newestFirst(1, 0));
      expect(views.map(view => view.payload)).toEqual([
        { to: 'b@example.com', subject: 'Hi' },
        { to: 'a@example.com', subject: 'Hi' },
      ]);
    });

    it('combines with a status filter', async () => {
      const views = await listJobs(fixture.queues, {
        type: 'system.noop',
        status: 'queued',
      });

      expect(idsOf(views)).toEqual(newestFirst(2));
    });
  });

  describe('when given a limit', () => {
    it('lists only the newest jobs up to it', async () => {
      expect(idsOf(await listJobs(fixture.queues, { limit: 2 }))).toEqual(
        newestFirst(3, 2),
      );
    });
  });
});
