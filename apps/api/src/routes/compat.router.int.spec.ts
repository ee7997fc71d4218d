import request from 'supertest';
import type { ApiKey } from '../auth/api-key';
import { countJobs } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp, type AppDependencies } from '../app';
import { hashApiKey } from '../auth/find-api-key';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROBLEM_JSON = /^application\/problem\+json/;

const PRODUCER = 'sk-compat-producer-7a1c';
const OTHER_PRODUCER = 'sk-compat-other-2b9d';
const MAILER = 'sk-compat-mailer-5e3f';
const NOOPER = 'sk-compat-nooper-8c4a';
const keys: ApiKey[] = [
  { name: 'shop', role: 'producer', hash: hashApiKey(PRODUCER) },
  { name: 'crm', role: 'producer', hash: hashApiKey(OTHER_PRODUCER) },
  {
    name: 'mailer',
    role: 'producer',
    hash: hashApiKey(MAILER),
    types: ['email.send'],
  },
  {
    name: 'nooper',
    role: 'producer',
    hash: hashApiKey(NOOPER),
    types: ['system.noop'],
  },
];

const send_email = {
  type: 'send_email',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
  retries: 3,
};
const email_processing = {
  type: 'email_processing',
  payload: { email: 'user@example.com', subject: 'Welcome to the platform!' },
};
const tasks = {
  task_type: 'email',
  payload: { to: 'user@example.com', subject: 'Hello' },
  max_retries: 3,
  priority: 10,
};

/** Each compatibility enqueue route with a body it accepts. */
const ENQUEUES = [
  ['/jobs', email_processing],
  ['/task', send_email],
  ['/tasks', tasks],
] as const;

describe('the compatibility routes', () => {
  const fixture = useQueueFixture();

  /** Jobs waiting in any queue of the test's prefix. */
  const storedJobs = async () =>
    (await countJobs(fixture.queues)).reduce(
      (sum, { counts }) => sum + counts.queued + counts.delayed,
      0,
    );

  const app = (deps: Partial<AppDependencies> = {}) =>
    createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      ...deps,
    });

  describe('POST /jobs', () => {
    it('answers 202 with id, status, type and created_at', async () => {
      const res = await request(app()).post('/jobs').send(email_processing);

      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        type: 'email.send',
        requestedType: 'email_processing',
        status: 'queued',
        createdAt: expect.any(String),
        created_at: res.body.createdAt,
      });
      expect(res.headers.location).toBe(`/jobs/${res.body.id}`);
    });

    it('stores the adapted payload, shown with status and result by GET /jobs/:id', async () => {
      const accepted = await request(app())
        .post('/jobs')
        .send(email_processing);

      const res = await request(app()).get(accepted.headers.location);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: accepted.body.id,
        type: 'email.send',
        requestedType: 'email_processing',
        status: 'queued',
        result: null,
        payload: {
          to: 'user@example.com',
          subject: 'Welcome to the platform!',
        },
      });
    });

    it("names the alias's field when its payload is wrong", async () => {
      const res = await request(app())
        .post('/jobs')
        .send({ ...email_processing, payload: { subject: 'Hi' } });

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('contract.invalidPayload');
      expect(res.body.errors).toEqual([
        { path: '/payload/email', message: expect.any(String) },
      ]);
    });
  });

  describe('POST /task and GET /task/:id', () => {
    it('answers 202 with task_id, and GET /task/:id answers its state', async () => {
      const accepted = await request(app()).post('/task').send(send_email);

      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({
        id: expect.stringMatching(UUID),
        task_id: accepted.body.id,
        type: 'email.send',
        requestedType: 'send_email',
        status: 'queued',
        created_at: accepted.body.createdAt,
      });
      expect(accepted.headers.location).toBe(`/task/${accepted.body.id}`);

      const res = await request(app()).get(accepted.headers.location);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: accepted.body.id,
        task_id: accepted.body.id,
        status: 'queued',
        result: null,
        attempts: { made: 0, allowed: 4 },
        created_at: accepted.body.createdAt,
      });
    });

    it('answers 404 job.notFound for an unknown id', async () => {
      const res = await request(app()).get('/task/no-such-job');

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('job.notFound');
    });
  });

  describe('POST /tasks and GET /tasks/:id', () => {
    it('maps task_type, max_retries and priority onto the job', async () => {
      const accepted = await request(app()).post('/tasks').send(tasks);

      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({
        task_id: accepted.body.id,
        type: 'email.send',
        requestedType: 'email',
      });
      expect(accepted.headers.location).toBe(`/tasks/${accepted.body.id}`);

      const res = await request(app()).get(accepted.headers.location);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        task_id: accepted.body.id,
        type: 'email.send',
        priority: 10,
        attempts: { allowed: 4 },
        status: 'queued',
      });
    });

    it('names max_retries when it is out of range', async () => {
      const res = await request(app())
        .post('/tasks')
        .send({ ...tasks, max_retries: 1_000 });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.invalidRequest');
      expect(res.body.errors).toEqual([
        { path: '/max_retries', message: expect.any(String) },
      ]);
    });

    it('names task_type when no type or alias has that name', async () => {
      const res = await request(app())
        .post('/tasks')
        .send({ ...tasks, task_type: 'fax' });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.unknownJobType');
      expect(res.body.errors[0].path).toBe('/task_type');
    });
  });

  describe('POST /enqueue under an alias', () => {
    it('answers 202 with the catalog type and the name asked for', async () => {
      const res = await request(app()).post('/enqueue').send(send_email);

      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        type: 'email.send',
        requestedType: 'send_email',
      });
    });

    it('takes an alias in a batch too', async () => {
      const res = await request(app())
        .post('/enqueue/batch')
        .send({ jobs: [send_email, email_processing] });

      expect(res.status).toBe(202);
      expect(
        res.body.jobs.map((j: { requestedType: string }) => j.requestedType),
      ).toEqual(['send_email', 'email_processing']);
    });
  });

  describe('with COMPAT_ROUTES=false', () => {
    it.each([
      ['post', '/jobs'],
      ['post', '/task'],
      ['get', '/task/some-id'],
      ['post', '/tasks'],
      ['get', '/tasks/some-id'],
    ] as const)('answers %s %s with 404', async (method, path) => {
      const res = await request(app({ compatRoutes: false }))
        [method](path)
        .send(method === 'post' ? send_email : undefined);

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('request.routeNotFound');
    });

    it('still serves GET /jobs/:id and takes aliases on /enqueue', async () => {
      const accepted = await request(app({ compatRoutes: false }))
        .post('/enqueue')
        .send(send_email);

      const res = await request(app({ compatRoutes: false })).get(
        `/jobs/${accepted.body.id}`,
      );

      expect(res.status).toBe(200);
    });
  });

  describe('with API keys', () => {
    const keyed = () => app({ apiKeys: keys });

    it.each(ENQUEUES)('refuses %s without a key', async (path, body) => {
      const res = await request(keyed()).post(path).send(body);

      expect(res.status).toBe(401);
      expect(await storedJobs()).toBe(0);
    });

    it.each(ENQUEUES)(
      'lets a producer key enqueue on %s',
      async (path, body) => {
        const res = await request(keyed())
          .post(path)
          .set('Authorization', `Bearer ${PRODUCER}`)
          .send(body);

        expect(res.status).toBe(202);
      },
    );

    it.each(ENQUEUES)(
      'applies a type scope to the catalog type on %s',
      async (path, body) => {
        const allowed = await request(keyed())
          .post(path)
          .set('Authorization', `Bearer ${MAILER}`)
          .send(body);
        const refused = await request(keyed())
          .post(path)
          .set('Authorization', `Bearer ${NOOPER}`)
          .send(body);

        expect(allowed.status).toBe(202);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('auth.forbidden');
        expect(refused.body.detail).toContain('email.send');
      },
    );

    it.each(['/task', '/tasks'])(
      "answers 404 on GET %s/:id for another key's job",
      async path => {
        const accepted = await request(keyed())
          .post('/task')
          .set('Authorization', `Bearer ${PRODUCER}`)
          .send(send_email);
        const id: string = accepted.body.id;

        const own = await request(keyed())
          .get(`${path}/${id}`)
          .set('Authorization', `Bearer ${PRODUCER}`);
        const other = await request(keyed())
          .get(`${path}/${id}`)
          .set('Authorization', `Bearer ${OTHER_PRODUCER}`);

        expect(own.status).toBe(200);
        expect(other.status).toBe(404);
        expect(other.body.code).toBe('job.notFound');
      },
    );
  });

  describe('with an Idempotency-Key', () => {
    it.each(ENQUEUES)(
      'stores one job for two equal requests on %s',
      async (path, body) => {
        const first = await request(app())
          .post(path)
          .set('Idempotency-Key', `compat-${path}`)
          .send(body);
        const repeat = await request(app())
          .post(path)
          .set('Idempotency-Key', `compat-${path}`)
          .send(body);

        expect(first.status).toBe(202);
        expect(repeat.status).toBe(200);
        expect(repeat.headers['idempotent-replayed']).toBe('true');
        expect(repeat.body.id).toBe(first.body.id);
        expect(repeat.body).toEqual(first.body);
        expect(await storedJobs()).toBe(1);
      },
    );

    it('answers 409 for the same key with another body', async () => {
      await request(app())
        .post('/tasks')
        .set('Idempotency-Key', 'compat-conflict')
        .send(tasks);

      const res = await request(app())
        .post('/tasks')
        .set('Idempotency-Key', 'compat-conflict')
        .send({ ...tasks, priority: 11 });

      expect(res.status).toBe(409);
      expect(res.body.code).toBe('request.idempotencyConflict');
    });
  });

  describe('with a full queue', () => {
    it.each(ENQUEUES)('answers 429 queue.full on %s', async (path, body) => {
      const full = app({ admission: { defaultCap: 1, cacheMs: 0 } });
      await request(full).post('/enqueue').send(send_email);

      const res = await request(full).post(path).send(body);

      expect(res.status).toBe(429);
      expect(res.body.code).toBe('queue.full');
    });
  });

  describe('with a rate limit', () => {
    it('counts compatibility calls against the key like any other', async () => {
      const limited = app({ rateLimitPerMinute: 2 });
      const statuses: number[] = [];
      for (const [path, body] of ENQUEUES) {
        statuses.push((await request(limited).post(path).send(body)).status);
      }

      expect(statuses).toEqual([202, 202, 429]);
    });
  });
});
