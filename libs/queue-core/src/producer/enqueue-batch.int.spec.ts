import { randomBytes } from 'node:crypto';
import { parseEnqueueBatch } from '@errand/contracts';
import { findJob, getJobView } from '../store/find-job';
import { JobStore } from '../store/job-store';
import { createPayloadCipher } from '../store/security/payload-cipher';
import { useQueueFixture } from '../testing';
import { enqueueBatch } from './enqueue-batch';
import { enqueueJob } from './enqueue-job';

// A UUIDv8 whose custom bits name the job's type (store/job-id.ts).
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const welcome = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
  retries: 3,
};
const noop = { type: 'system.noop', payload: {} };

describe('enqueueBatch', () => {
  const fixture = useQueueFixture();

  describe('when every job may run now', () => {
    it('answers one entry per job, in order, each with a new id', async () => {
      const requests = parseEnqueueBatch({ jobs: [welcome, noop, welcome] });

      const accepted = await enqueueBatch(fixture.queues, requests);

      expect(accepted).toEqual([
        expect.objectContaining({ type: 'email.send', status: 'queued' }),
        expect.objectContaining({ type: 'system.noop', status: 'queued' }),
        expect.objectContaining({ type: 'email.send', status: 'queued' }),
      ]);
      for (const job of accepted) expect(job.id).toMatch(UUID);
      expect(new Set(accepted.map(job => job.id)).size).toBe(3);
    });

    it('stores each job in its type queue as enqueueJob would', async () => {
      const [request] = parseEnqueueBatch({ jobs: [welcome] });
      const [fromBatch] = await enqueueBatch(fixture.queues, [request]);
      const single = await enqueueJob(fixture.queues, request);

      const batchView = await getJobView(fixture.queues, fromBatch.id);
      const singleView = await getJobView(fixture.queues, single.id);

      expect(batchView).toEqual({
        ...singleView,
        id: fromBatch.id,
        createdAt: fromBatch.createdAt,
        // Built from the creation time, which differs.
        ...('timeline' in singleView && { timeline: expect.any(Array) }),
      });
      const [batchJob, singleJob] = await Promise.all([
        findJob(fixture.queues, fromBatch.id),
        findJob(fixture.queues, single.id),
      ]);
      expect(batchJob.job.data).toEqual(singleJob.job.data);
      expect({ ...batchJob.job.opts, jobId: null, timestamp: null }).toEqual({
        ...singleJob.job.opts,
        jobId: null,
        timestamp: null,
      });
    });

    it('queues the jobs of a type to run in the order given', async () => {
      const jobs = Array.from({ length: 50 }, () => noop);

      const accepted = await enqueueBatch(
        fixture.queues,
        parseEnqueueBatch({ jobs }),
      );

      const waiting = await fixture.queues
        .queueFor('system.noop')
        .getWaiting(0, -1);
      expect(waiting.map(job => job.id)).toEqual(accepted.map(job => job.id));
    });
  });

  describe('when a job sets a delay', () => {
    it('schedules that job and queues the others', async () => {
      const accepted = await enqueueBatch(
        fixture.queues,
        parseEnqueueBatch({ jobs: [noop, { ...noop, delay: 60_000 }] }),
      );

      expect(accepted.map(job => job.status)).toEqual(['queued', 'scheduled']);
      const view = await getJobView(fixture.queues, accepted[1].id);
      expect(view.status).toBe('scheduled');
    });
  });

  describe('when the set encrypts sensitive fields', () => {
    it('seals them as enqueueJob does', async () => {
      const queues = new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
        cipher: createPayloadCipher(randomBytes(32)),
      });
      try {
        const [accepted] = await enqueueBatch(
          queues,
          parseEnqueueBatch({
            jobs: [
              { ...welcome, payload: { ...welcome.payload, text: 'canary' } },
            ],
          }),
        );

        const { job } = await findJob(queues, accepted.id);
        expect(JSON.stringify(job.data)).not.toContain('canary');
        expect(job.data.payload).toMatchObject({
          to: 'user@example.com',
          text: expect.stringMatching(/^errand:enc:v2:/),
        });
        // Bound to the id the batch gave the job.
        expect(
          queues.cipher?.open(
            { type: 'email.send', jobId: accepted.id },
            job.data.payload,
          ),
        ).toMatchObject({ text: 'canary' });
      } finally {
        await queues.close();
      }
    });
  });
});
