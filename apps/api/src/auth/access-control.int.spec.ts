import request from 'supertest';
import type { Express } from 'express';
import { jobTypes, type JobType } from '@errand/contracts';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import type { ApiKey } from './api-key';
import { hashApiKey } from './find-api-key';

const ADMIN = 'errand_admin-key-for-tests-0123456789abcdef';
const PRODUCER = 'errand_producer-key-for-tests-0123456789abcd';
const OTHER_PRODUCER = 'errand_other-producer-key-0123456789abcdefg';
const MAILER = 'errand_mailer-key-for-tests-0123456789abcdef';

const keys: ApiKey[] = [
  { name: 'ops', role: 'admin', hash: hashApiKey(ADMIN) },
  { name: 'shop', role: 'producer', hash: hashApiKey(PRODUCER) },
  { name: 'crm', role: 'producer', hash: hashApiKey(OTHER_PRODUCER) },
  {
    name: 'mailer',
    role: 'producer',
    hash: hashApiKey(MAILER),
    types: ['email.send'],
  },
];

const noop = { type: 'system.noop', payload: {} };
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
/** A valid payload of each catalog type: a new type must add one. */
const samples = {
  'email.send': { to: 'user@example.com', subject: 'Hi' },
  'system.noop': {},
  'system.sleep': { ms: 1 },
  'system.fail': {},
  'webhook.deliver': {
    url: 'https://example.com/hook',
    secret: 'whsec_0123456789abcdef',
    body: { event: 'order.paid' },
  },
  'image.resize': { url: 'https://example.com/a.png', width: 10 },
  'pdf.render': { title: 'Invoice', paragraphs: ['Paid.'] },
} satisfies Record<JobType, object>;

describe('access control', () => {
  const fixture = useQueueFixture();
  let app: Express;

  beforeEach(() => {
    app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      apiKeys: keys,
    });
  });

  /** Enqueues a no-op job with `key` and returns its id. */
  async function enqueueWith(key: string): Promise<string> {
    const res = await request(app).post('/enqueue').set(bearer(key)).send(noop);
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  describe('when the request has no key', () => {
    it('answers 401 with WWW-Authenticate: Bearer', async () => {
      const res = await request(app).post('/enqueue').send(noop);

      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(res.headers['content-type']).toMatch('application/problem+json');
      expect(res.body).toMatchObject({
        code: 'auth.unauthenticated',
        detail: expect.stringContaining('Authorization: Bearer'),
      });
    });

    it('answers 401 on admin routes and unknown routes alike', async () => {
      for (const path of ['/stats', '/nowhere']) {
        const res = await request(app).get(path);
        expect(res.status).toBe(401);
      }
    });
  });

  describe('when the key is wrong', () => {
    it.each([
      ['an unknown key', `Bearer ${ADMIN}x`],
      ['a key without "Bearer"', ADMIN],
      [
        'another scheme',
        `Basic ${Buffer.from(`a:${ADMIN}`).toString('base64')}`,
      ],
      ['an empty bearer', 'Bearer '],
    ])('answers 401 for %s', async (_case, authorization) => {
      const res = await request(app)
        .get('/stats')
        .set('Authorization', authorization);

      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(res.body.code).toBe('auth.unauthenticated');
    });
  });

  describe('when the key is in the query string', () => {
    it.each(['api_key', 'key', 'token', 'access_token'])(
      'refuses ?%s= with 400, even with a valid key',
      async parameter => {
        const res = await request(app)
          .get(`/stats?${parameter}=${ADMIN}`)
          .set(bearer(ADMIN));

        expect(res.status).toBe(400);
        expect(res.body.code).toBe('request.keyInQuery');
        expect(res.body.detail).toContain('Authorization: Bearer');
        expect(res.body.detail).not.toContain(ADMIN);
      },
    );

    it('refuses it on public routes too', async () => {
      const res = await request(app).get(`/healthz?token=${PRODUCER}`);

      expect(res.status).toBe(400);
    });
  });

  describe('when a producer key calls an admin route', () => {
    it.each([
      ['GET', '/stats'],
      ['GET', '/schedules'],
      ['DELETE', '/jobs/00000000-0000-4000-8000-000000000000'],
      ['POST', '/jobs/00000000-0000-4000-8000-000000000000/retry'],
      ['GET', '/admin/queues/api/queues'],
    ])('answers 403 to %s %s', async (method, path) => {
      const res = await request(app)
        [method.toLowerCase() as 'get']('/'.concat(path.slice(1)))
        .set(bearer(PRODUCER));

      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 'auth.forbidden',
        detail: expect.stringContaining('"shop" has role producer'),
      });
    });
  });

  describe('when a key scoped to email.send enqueues another type', () => {
    it('answers 403 naming the type', async () => {
      const res = await request(app)
        .post('/enqueue')
        .set(bearer(MAILER))
        .send(noop);

      expect(res.status).toBe(403);
      expect(res.body.code).toBe('auth.forbidden');
      expect(res.body.detail).toContain('may not enqueue system.noop');
      expect(res.body.detail).toContain('may enqueue email.send');
    });

    it('refuses a batch that holds one such job, and stores none', async () => {
      const res = await request(app)
        .post('/enqueue/batch')
        .set(bearer(MAILER))
        .send({
          jobs: [
            {
              type: 'email.send',
              payload: { to: 'a@example.com', subject: 'x' },
            },
            noop,
          ],
        });

      expect(res.status).toBe(403);
      expect(res.body.detail).toContain('system.noop');
      const counts = await request(app).get('/stats').set(bearer(ADMIN));
      const email = counts.body.types.find(
        (t: { type: string }) => t.type === 'email.send',
      );
      expect(email.counts.queued).toBe(0);
    });

    it('accepts its own type', async () => {
      const res = await request(app)
        .post('/enqueue')
        .set(bearer(MAILER))
        .send({
          type: 'email.send',
          payload: { to: 'a@example.com', subject: 'Hi' },
        });

      expect(res.status).toBe(202);
    });
  });

  describe('when a producer reads jobs', () => {
    it('reads the jobs it enqueued', async () => {
      const id = await enqueueWith(PRODUCER);

      const res = await request(app).get(`/jobs/${id}`).set(bearer(PRODUCER));

      expect(res.status).toBe(200);
      expect(res.body.id).toBe(id);
    });

    it("answers 404 for another key's job, as if it did not exist", async () => {
      const id = await enqueueWith(OTHER_PRODUCER);

      const res = await request(app).get(`/jobs/${id}`).set(bearer(PRODUCER));

      expect(res.status).toBe(404);
      expect(res.body.code).toBe('job.notFound');
    });

    it('answers 404 for a batch job of another key', async () => {
      const batch = await request(app)
        .post('/enqueue/batch')
        .set(bearer(OTHER_PRODUCER))
        .send({ jobs: [noop] });
      const { id } = batch.body.jobs[0];

      const mine = await request(app)
        .get(`/jobs/${id}`)
        .set(bearer(OTHER_PRODUCER));
      const theirs = await request(app)
        .get(`/jobs/${id}`)
        .set(bearer(PRODUCER));

      expect(mine.status).toBe(200);
      expect(theirs.status).toBe(404);
    });
  });

  describe('when a producer sends HEAD', () => {
    it("answers 404 for another key's job, as GET does", async () => {
      const id = await enqueueWith(OTHER_PRODUCER);
      const theirs = await request(app)
        .head(`/jobs/${id}`)
        .set(bearer(PRODUCER));
      const mine = await request(app)
        .head(`/jobs/${id}`)
        .set(bearer(OTHER_PRODUCER));
      expect(theirs.status).toBe(404);
      expect(theirs.headers['content-type']).toMatch(
        'application/problem+json',
      );
      expect(mine.status).toBe(200);
    });
    it("opens no event stream on another key's job", async () => {
      const id = await enqueueWith(OTHER_PRODUCER);
      const res = await request(app)
        .head(`/jobs/${id}/events`)
        .set(bearer(PRODUCER));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).not.toMatch('text/event-stream');
    });
  });
  describe('when an admin key calls', () => {
    it('reads any job, reads stats, and cancels in its own name', async () => {
      const id = await enqueueWith(PRODUCER);

      const job = await request(app).get(`/jobs/${id}`).set(bearer(ADMIN));
      const stats = await request(app).get('/stats').set(bearer(ADMIN));
      const cancel = await request(app)
        .delete(`/jobs/${id}`)
        .set(bearer(ADMIN));

      expect(job.status).toBe(200);
      expect(stats.status).toBe(200);
      expect(cancel.status).toBe(200);
      const read = await request(app).get(`/jobs/${id}`).set(bearer(ADMIN));
      expect(read.body.timeline.at(-1)).toMatchObject({
        event: 'cancelled',
        by: 'ops',
      });
      // Its producer still reads it, cancelled; another producer does not.
      const owners = await request(app)
        .get(`/jobs/${id}`)
        .set(bearer(PRODUCER));
      const others = await request(app)
        .get(`/jobs/${id}`)
        .set(bearer(OTHER_PRODUCER));
      expect(owners.status).toBe(200);
      expect(owners.body.status).toBe('cancelled');
      expect(others.status).toBe(404);
    });

    it('may enqueue every type', async () => {
      expect(Object.keys(samples).sort()).toEqual([...jobTypes].sort());
      for (const type of jobTypes) {
        const res = await request(app)
          .post('/enqueue')
          .set(bearer(ADMIN))
          .send({ type, payload: samples[type] });

        expect({ type, status: res.status }).toEqual({ type, status: 202 });
      }
    });
  });

  describe('public routes', () => {
    it.each(['/healthz', '/readyz', '/openapi.json', '/docs', '/job-types'])(
      'serves %s without a key',
      async path => {
        const res = await request(app).get(path);

        expect(res.status).toBe(200);
      },
    );
  });

  describe('when no keys are configured (development)', () => {
    it('serves every route without a key, and acts as "api"', async () => {
      const open = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
      });

      const enqueued = await request(open).post('/enqueue').send(noop);
      const stats = await request(open).get('/stats');
      const cancel = await request(open).delete(`/jobs/${enqueued.body.id}`);

      expect(enqueued.status).toBe(202);
      expect(stats.status).toBe(200);
      expect(cancel.status).toBe(200);
      const read = await request(open).get(`/jobs/${enqueued.body.id}`);
      expect(read.body.timeline.at(-1)).toMatchObject({ by: 'api' });
    });

    it('still refuses a key in the query string', async () => {
      const open = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
      });

      const res = await request(open).get('/stats?api_key=abc');

      expect(res.status).toBe(400);
    });
  });
});
