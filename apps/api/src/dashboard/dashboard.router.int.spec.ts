import { discard, jobTypes, parseEnqueueRequest } from '@errand/contracts';
import request from 'supertest';
import type { Express } from 'express';
import { enqueueJob } from '@errand/queue-core';
import {
  testHandlers,
  useQueueFixture,
  waitFor,
  reconcileSchedules,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';

const ADMIN = 'errand_dashboard-admin-key-0123456789abcdefgh';
const PRODUCER = 'errand_dashboard-producer-key-0123456789abcd';
const SECRET_TEXT = 'the-secret-body-text-4f1d';

describe('the dashboard at /admin/queues', () => {
  const fixture = useQueueFixture();
  let app: Express;

  beforeEach(() => {
    app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      apiKeys: [
        { name: 'ops', role: 'admin', hash: hashApiKey(ADMIN) },
        { name: 'shop', role: 'producer', hash: hashApiKey(PRODUCER) },
      ],
    });
  });

  /** Logs in with `key` and returns the session cookie. */
  async function logIn(key: string): Promise<string> {
    const res = await request(app)
      .post('/admin/queues/login')
      .type('form')
      .send({ key });
    expect(res.status).toBe(303);
    return res.headers['set-cookie'][0].split(';')[0];
  }

  /** A dead email.send job whose sensitive text must not show. */
  async function deadEmail(): Promise<string> {
    fixture.startConsumer({
      types: jobTypes,
      concurrency: 1,
      handlers: testHandlers({
        'email.send': async () => discard('the SMTP server refused it'),
      }),
    });
    const { id } = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest({
        type: 'email.send',
        payload: { to: 'a@example.com', subject: 'Hi', text: SECRET_TEXT },
      }),
    );
    await waitFor(
      async () =>
        (
          await request(app)
            .get(`/jobs/${id}`)
            .set('Authorization', `Bearer ${ADMIN}`)
        ).body.status,
      status => status === 'dead',
    );
    return id;
  }

  describe('without a session', () => {
    it('sends a browser to the login page', async () => {
      const res = await request(app)
        .get('/admin/queues')
        .set('Accept', 'text/html');

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/admin/queues/login');
    });

    it('answers its API with 401', async () => {
      const res = await request(app).get('/admin/queues/api/queues');

      expect(res.status).toBe(401);
      expect(res.body.code).toBe('auth.unauthenticated');
    });

    it('serves the login form', async () => {
      const res = await request(app).get('/admin/queues/login');

      expect(res.status).toBe(200);
      expect(res.text).toContain(
        '<form method="post" action="/admin/queues/login">',
      );
      expect(res.text).toContain('type="password"');
    });
  });

  describe('when logging in', () => {
    it('refuses a bad key with 401 and the form again', async () => {
      const res = await request(app)
        .post('/admin/queues/login')
        .type('form')
        .send({ key: 'nope' });

      expect(res.status).toBe(401);
      expect(res.text).toContain('This key is not valid.');
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('refuses a producer key with 403', async () => {
      const res = await request(app)
        .post('/admin/queues/login')
        .type('form')
        .send({ key: PRODUCER });

      expect(res.status).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('gives an admin an HttpOnly, SameSite=Strict session without the key', async () => {
      const res = await request(app)
        .post('/admin/queues/login')
        .type('form')
        .send({ key: ADMIN });

      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/admin/queues');
      const cookie = res.headers['set-cookie'][0];
      expect(cookie).toMatch(/^errand_session=[^;]+/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/admin/queues');
      expect(cookie).not.toContain('Secure'); // plain HTTP here
      expect(cookie).not.toContain(ADMIN);
    });

    it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
      const res = await request(app)
        .post('/admin/queues/login')
        .set('X-Forwarded-Proto', 'https')
        .type('form')
        .send({ key: ADMIN });

      expect(res.headers['set-cookie'][0]).toContain('; Secure');
    });
  });

  describe('with an admin session', () => {
    it('lists the queues, with a dead job and its payload redacted', async () => {
      const id = await deadEmail();
      const cookie = await logIn(ADMIN);

      const res = await request(app)
        .get('/admin/queues/api/queues')
        .query({
          activeQueue: 'email.send',
          status: 'failed',
          page: 1,
          jobsPerPage: 10,
        })
        .set('Cookie', cookie);

      expect(res.status).toBe(200);
      const names = res.body.queues.map((q: { name: string }) => q.name);
      expect(names).toEqual(expect.arrayContaining([...jobTypes]));
      const email = res.body.queues.find(
        (q: { name: string }) => q.name === 'email.send',
      );
      expect(email.readOnlyMode).toBe(true);
      expect(email.jobs).toHaveLength(1);
      expect(email.jobs[0]).toMatchObject({
        id,
        failedReason: 'the SMTP server refused it',
        data: { payload: { to: 'a@example.com', text: '[redacted]' } },
      });
      expect(res.text).not.toContain(SECRET_TEXT);
    });

    it('redacts the payload of job schedulers, as GET /schedules does', async () => {
      await reconcileSchedules(fixture.queues, [
        {
          name: 'digest',
          cron: '0 6 * * *',
          type: 'email.send',
          payload: { to: 'ops@example.com', subject: 'Hi', text: SECRET_TEXT },
        },
      ]);
      const cookie = await logIn(ADMIN);

      const res = await request(app)
        .get('/admin/queues/api/job-schedulers')
        .set('Cookie', cookie);

      expect(res.status).toBe(200);
      expect(res.body.schedulers).toHaveLength(1);
      expect(res.body.schedulers[0]).toMatchObject({
        queueName: 'email.send',
        template: {
          data: { payload: { to: 'ops@example.com', text: '[redacted]' } },
        },
      });
      expect(res.text).not.toContain(SECRET_TEXT);
    });

    it('refuses to change anything: the board is read-only', async () => {
      const id = await deadEmail();
      const cookie = await logIn(ADMIN);

      const res = await request(app)
        .put(`/admin/queues/api/queues/email.send/${id}/retry/failed`)
        .set('Cookie', cookie);
      const after = await request(app)
        .get(`/jobs/${id}`)
        .set('Authorization', `Bearer ${ADMIN}`);

      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(after.body.status).toBe('dead');
    });

    it('refuses a cookie whose signature was tampered with', async () => {
      const cookie = await logIn(ADMIN);

      const res = await request(app)
        .get('/admin/queues/api/queues')
        .set('Cookie', `${cookie.slice(0, -2)}xx`);

      expect(res.status).toBe(401);
    });
  });

  describe('with a malformed session cookie', () => {
    it.each(['%E0%A4%A', '%', 'a%ZZb', '"unterminated'])(
      'treats errand_session=%s as no session, not a 500',
      async value => {
        const page = await request(app)
          .get('/admin/queues')
          .set('Accept', 'text/html')
          .set('Cookie', `errand_session=${value}`);
        const api = await request(app)
          .get('/admin/queues/api/queues')
          .set('Cookie', `errand_session=${value}`);

        expect(page.status).toBe(303);
        expect(page.headers.location).toBe('/admin/queues/login');
        expect(api.status).toBe(401);
      },
    );
  });

  describe('with a Bearer header instead of a session', () => {
    it('lets an admin key in and keeps a producer key out', async () => {
      const admin = await request(app)
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${ADMIN}`);
      const producer = await request(app)
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${PRODUCER}`);

      expect(admin.status).toBe(200);
      expect(producer.status).toBe(403);
    });
  });
});
