import request from 'supertest';
import { countJobs } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROBLEM_JSON = /^application\/problem\+json/;

const welcomeEmail = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
  retries: 3,
};

describe('POST /enqueue', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  describe('when the request matches the contract', () => {
    it('answers 202 with the new job and where to find it', async () => {
      const before = Date.now();

      const res = await request(app()).post('/enqueue').send(welcomeEmail);

      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        type: 'email.send',
        status: 'queued',
        createdAt: expect.any(String),
      });
      expect(Date.parse(res.body.createdAt)).toBeGreaterThanOrEqual(before);
      expect(res.headers.location).toBe(`/jobs/${res.body.id}`);
    });

    it('stores the job so that GET /jobs/:id shows it queued', async () => {
      const accepted = await request(app()).post('/enqueue').send(welcomeEmail);

      const res = await request(app()).get(accepted.headers.location);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: accepted.body.id,
        type: 'email.send',
        status: 'queued',
        payload: welcomeEmail.payload,
        attempts: { made: 0, allowed: 4 },
        createdAt: accepted.body.createdAt,
        runAt: null,
      });
    });

    it("gives the job its type's default retries when the request sets none", async () => {
      const accepted = await request(app())
        .post('/enqueue')
        .send({ type: 'email.send', payload: welcomeEmail.payload });

      const res = await request(app()).get(accepted.headers.location);

      // email.send defaults to 5 retries: 6 attempts in all.
      expect(res.body.attempts).toEqual({ made: 0, allowed: 6 });
    });

    it('schedules a job with a delay instead of queueing it', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({ ...welcomeEmail, delay: 60_000 });

      expect(res.status).toBe(202);
      expect(res.body.status).toBe('scheduled');
      const view = await request(app()).get(res.headers.location);
      expect(view.body.status).toBe('scheduled');
      expect(Date.parse(view.body.runAt)).toBe(
        Date.parse(res.body.createdAt) + 60_000,
      );
    });

    it('queues a job whose runAt is already past', async () => {
      const runAt = new Date(Date.now() - 60_000).toISOString();

      const res = await request(app())
        .post('/enqueue')
        .send({ ...welcomeEmail, runAt });

      expect(res.status).toBe(202);
      expect(res.body.status).toBe('queued');
      const view = await request(app()).get(res.headers.location);
      expect(view.body.status).toBe('queued');
    });

    it('schedules a job whose runAt is in the future', async () => {
      const runAt = new Date(Date.now() + 60_000).toISOString();

      const res = await request(app())
        .post('/enqueue')
        .send({ ...welcomeEmail, runAt });

      expect(res.body.status).toBe('scheduled');
    });
  });

  describe('when the job type is unknown', () => {
    it('answers 400 contract.unknownJobType naming the known types', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({ type: 'email.sned', payload: {} });

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        type: 'urn:errand:problem:contract.unknownJobType',
        status: 400,
        code: 'contract.unknownJobType',
        errors: [{ path: '/type', message: expect.any(String) }],
      });
      expect(res.body.detail).toContain('email.sned');
      expect(res.body.detail).toContain('email.send');
    });
  });

  describe('when the payload breaks its type contract', () => {
    it('answers 400 contract.invalidPayload pointing at the field', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({
          type: 'email.send',
          payload: { to: 'not an address', subject: 'Welcome!' },
        });

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('contract.invalidPayload');
      expect(res.body.errors).toEqual([
        { path: '/payload/to', message: expect.any(String) },
      ]);
    });

    it('stores nothing', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({ type: 'email.send', payload: { subject: 'Hi' } });

      expect(res.status).toBe(400);
      const counts = await countJobs(fixture.queues);
      expect(counts.find(c => c.type === 'email.send')?.counts).toEqual({
        queued: 0,
        delayed: 0,
        running: 0,
        waiting: 0,
        succeeded: 0,
        dead: 0,
      });
    });
  });

  describe('when the request envelope breaks the contract', () => {
    it('answers 400 contract.invalidRequest for 26 retries', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({ ...welcomeEmail, retries: 26 });

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('contract.invalidRequest');
      expect(res.body.errors).toEqual([
        { path: '/retries', message: expect.any(String) },
      ]);
    });

    it('answers 400 contract.invalidRequest for both delay and runAt', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({ ...welcomeEmail, delay: 10, runAt: new Date().toISOString() });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.invalidRequest');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
        '/delay',
        '/runAt',
      ]);
    });
  });

  describe('when the body is not usable JSON', () => {
    it('answers 400 request.malformedJson for broken JSON', async () => {
      const res = await request(app())
        .post('/enqueue')
        .set('Content-Type', 'application/json')
        .send('{"type": "email.send",');

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('request.malformedJson');
    });

    it('answers 415 request.unsupportedMediaType for a text/plain body', async () => {
      const res = await request(app())
        .post('/enqueue')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(welcomeEmail));

      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('request.unsupportedMediaType');
      expect(res.body.detail).toContain('text/plain');
    });

    it('answers 413 request.bodyTooLarge for a body over the limit', async () => {
      const small = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        bodyLimit: '1kb',
      });

      const res = await request(small)
        .post('/enqueue')
        .send({
          type: 'email.send',
          payload: {
            to: 'user@example.com',
            subject: 'Welcome!',
            text: 'x'.repeat(2_000),
          },
        });

      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('request.bodyTooLarge');
    });

    it('accepts the same body under the default limit', async () => {
      const res = await request(app())
        .post('/enqueue')
        .send({
          type: 'email.send',
          payload: {
            to: 'user@example.com',
            subject: 'Welcome!',
            text: 'x'.repeat(2_000),
          },
        });

      expect(res.status).toBe(202);
    });
  });
});
