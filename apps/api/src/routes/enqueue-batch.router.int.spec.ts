import request from 'supertest';
import { countJobs, JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROBLEM_JSON = /^application\/problem\+json/;

const welcome = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
  retries: 3,
};
const noop = { type: 'system.noop', payload: {} };

describe('POST /enqueue/batch', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  /** Jobs stored per type, whatever their state. */
  const storedJobs = async (queues: JobStore = fixture.queues) =>
    Object.fromEntries(
      (await countJobs(queues)).map(({ type, counts }) => [
        type,
        Object.values(counts).reduce((sum, n) => sum + n, 0),
      ]),
    );

  describe('when every job matches the contract', () => {
    it('answers 202 with one accepted job per request, in order', async () => {
      const res = await request(app())
        .post('/enqueue/batch')
        .send({ jobs: [welcome, noop, { ...noop, delay: 60_000 }] });

      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        jobs: [
          expect.objectContaining({ type: 'email.send', status: 'queued' }),
          expect.objectContaining({ type: 'system.noop', status: 'queued' }),
          expect.objectContaining({ type: 'system.noop', status: 'scheduled' }),
        ],
      });
      for (const job of res.body.jobs) {
        expect(job).toEqual({
          id: expect.stringMatching(UUID),
          type: job.type,
          status: job.status,
          createdAt: expect.any(String),
        });
      }
    });

    it('stores every job so that GET /jobs/:id shows it', async () => {
      const res = await request(app())
        .post('/enqueue/batch')
        .send({ jobs: [welcome, noop] });

      const views = await Promise.all(
        res.body.jobs.map((job: { id: string }) =>
          request(app()).get(`/jobs/${job.id}`),
        ),
      );

      expect(views.map(view => view.status)).toEqual([200, 200]);
      expect(views[0].body).toMatchObject({
        type: 'email.send',
        status: 'queued',
        payload: welcome.payload,
        attempts: { made: 0, allowed: 4 },
      });
      expect(views[1].body).toMatchObject({ type: 'system.noop' });
    });

    it('takes a full batch of 1 000 jobs', async () => {
      const jobs = Array.from({ length: 1_000 }, () => welcome);
      // What is under test is the batch's size, not the 800 ms deadline: a
      // shared CI machine can take longer than that to store 1 000 jobs.
      const patient = new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
        deadlineMs: 10_000,
      });

      try {
        const res = await request(
          createApp({ queues: patient, logger: createSilentLogger() }),
        )
          .post('/enqueue/batch')
          .send({ jobs });

        expect(res.status).toBe(202);
        expect(res.body.jobs).toHaveLength(1_000);
        expect((await storedJobs(patient))['email.send']).toBe(1_000);
      } finally {
        await patient.close();
      }
    });
  });

  describe('when some jobs break the contract', () => {
    it("answers 400 listing each bad job's index and fields", async () => {
      const res = await request(app())
        .post('/enqueue/batch')
        .send({
          jobs: [
            noop,
            noop,
            noop,
            { ...welcome, payload: { ...welcome.payload, to: 'nope' } },
            { ...noop, type: 'no.such.type' },
          ],
        });

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        status: 400,
        code: 'contract.invalidRequest',
        detail: '2 of 5 jobs break the contract; none was stored.',
        errors: [
          { path: '/jobs/3/payload/to', message: expect.any(String) },
          { path: '/jobs/4/type', message: expect.any(String) },
        ],
      });
    });

    it('stores none of the jobs, the good ones included', async () => {
      const res = await request(app())
        .post('/enqueue/batch')
        .send({ jobs: [welcome, noop, { ...welcome, payload: {} }] });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.invalidPayload');
      const stored = await storedJobs();
      expect(stored['email.send']).toBe(0);
      expect(Object.values(stored)).toEqual(Object.values(stored).map(() => 0));
    });
  });

  describe('when the batch itself is wrong', () => {
    it.each([
      ['no jobs', { jobs: [] }],
      ['1 001 jobs', { jobs: Array.from({ length: 1_001 }, () => noop) }],
      ['a single job instead of a list', noop],
    ])('answers 400 contract.invalidRequest for %s', async (_, body) => {
      const res = await request(app()).post('/enqueue/batch').send(body);

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.invalidRequest');
    });

    it('answers 415 for a body that is not JSON', async () => {
      const res = await request(app())
        .post('/enqueue/batch')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ jobs: [noop] }));

      expect(res.status).toBe(415);
      expect(res.body.code).toBe('request.unsupportedMediaType');
    });

    it('answers 413 for a body over the batch limit', async () => {
      const small = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        batchBodyLimit: '1kb',
      });

      const res = await request(small)
        .post('/enqueue/batch')
        .send({ jobs: Array.from({ length: 50 }, () => welcome) });

      expect(res.status).toBe(413);
      expect(res.body.code).toBe('request.bodyTooLarge');
    });
  });
});
