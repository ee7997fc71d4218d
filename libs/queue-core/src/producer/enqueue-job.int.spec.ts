import { parseEnqueueRequest } from '@errand/contracts';
import { getJobView } from '../store/find-job';
import { useQueueFixture } from '../testing';
import { enqueueJob } from './enqueue-job';

// A UUIDv8 whose custom bits name the job's type (store/job-id.ts).
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const welcome = parseEnqueueRequest({
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
  retries: 3,
});

describe('enqueueJob', () => {
  const fixture = useQueueFixture();

  describe('when the job may run now', () => {
    it('answers with a new id and the queued status', async () => {
      const accepted = await enqueueJob(fixture.queues, welcome);

      expect(accepted).toEqual({
        id: expect.stringMatching(UUID),
        type: 'email.send',
        status: 'queued',
        createdAt: expect.any(String),
      });
    });

    it('stores the job so that getJobView shows it queued', async () => {
      const accepted = await enqueueJob(fixture.queues, welcome);

      expect(await getJobView(fixture.queues, accepted.id)).toEqual({
        id: accepted.id,
        type: 'email.send',
        status: 'queued',
        payload: { to: 'user@example.com', subject: 'Welcome!' },
        priority: 0,
        attempts: { made: 0, allowed: 4 },
        result: null,
        lastError: null,
        createdAt: accepted.createdAt,
        runAt: null,
        startedAt: null,
        finishedAt: null,
        progress: null,
        timeline: [{ at: accepted.createdAt, event: 'created' }],
      });
    });

    it('gives every job its own id', async () => {
      const first = await enqueueJob(fixture.queues, welcome);
      const second = await enqueueJob(fixture.queues, welcome);

      expect(first.id).not.toBe(second.id);
    });

    it('keeps a priority other than 0', async () => {
      const { id } = await enqueueJob(fixture.queues, {
        ...welcome,
        priority: 5,
      });

      expect(await getJobView(fixture.queues, id)).toMatchObject({
        status: 'queued',
        priority: 5,
      });
    });
  });

  describe('when the request sets a delay', () => {
    it('schedules the job to run after it', async () => {
      const accepted = await enqueueJob(fixture.queues, {
        ...welcome,
        delay: 60_000,
      });
      const view = await getJobView(fixture.queues, accepted.id);

      expect(accepted.status).toBe('scheduled');
      expect(view.status).toBe('scheduled');
      expect(Date.parse(view.runAt ?? '')).toBe(
        Date.parse(accepted.createdAt) + 60_000,
      );
    });
  });

  describe('when the request sets a future runAt', () => {
    it('schedules the job for that time', async () => {
      const runAt = new Date(Date.now() + 3_600_000).toISOString();
      const accepted = await enqueueJob(fixture.queues, { ...welcome, runAt });

      expect(accepted.status).toBe('scheduled');
      expect((await getJobView(fixture.queues, accepted.id)).runAt).toBe(runAt);
    });
  });
});
