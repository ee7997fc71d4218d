import request from 'supertest';
import type { Express } from 'express';
import { JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import type { ApiKey } from '../auth/api-key';
import { hashApiKey } from '../auth/find-api-key';

const ADMIN = 'errand_session-admin-key-0123456789abcdefghij';
const ROTATED = 'errand_session-admin-key-rotated-0123456789ab';
const SECRET = 'a-session-secret-of-at-least-32-characters';
const BOARD_API = '/admin/queues/api/queues';

describe('dashboard sessions', () => {
  const fixture = useQueueFixture();
  const extra: JobStore[] = [];

  afterEach(async () => {
    await Promise.all(extra.splice(0).map(queues => queues.close()));
  });

  /**
   * An API replica: its own JobStore (connection) on the shared Redis and
   * the shared session secret, with `ops` holding `key`.
   */
  function replica(key = ADMIN): Express {
    const queues = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
    });
    extra.push(queues);
    const apiKeys: ApiKey[] = [
      { name: 'ops', role: 'admin', hash: hashApiKey(key) },
    ];
    return createApp({
      queues,
      logger: createSilentLogger(),
      apiKeys,
      dashboardSessionSecret: SECRET,
    });
  }

  /** Logs in with `key` and returns the session cookie. */
  async function logIn(app: Express, key = ADMIN): Promise<string> {
    const res = await request(app)
      .post('/admin/queues/login')
      .type('form')
      .send({ key });
    expect(res.status).toBe(303);
    return res.headers['set-cookie'][0].split(';')[0];
  }

  const board = (app: Express, cookie: string) =>
    request(app).get(BOARD_API).set('Cookie', cookie);

  it('serves every replica with one login', async () => {
    const [a, b] = [replica(), replica()];
    const cookie = await logIn(a);

    expect((await board(a, cookie)).status).toBe(200);
    expect((await board(b, cookie)).status).toBe(200);
  });

  describe('after logout', () => {
    it('refuses the old cookie at once, on this replica and every other', async () => {
      const [a, b] = [replica(), replica()];
      const cookie = await logIn(a);
      const other = await logIn(a);

      const out = await request(a)
        .post('/admin/queues/logout')
        .set('Cookie', cookie);
      const here = await board(a, cookie);
      const there = await board(b, cookie);
      const page = await request(b)
        .get('/admin/queues')
        .set('Accept', 'text/html')
        .set('Cookie', cookie);

      expect(out.status).toBe(303);
      expect(here.status).toBe(401);
      expect(there.status).toBe(401);
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/admin/queues/login');
      // Another session of the same key lives on.
      expect((await board(b, other)).status).toBe(200);
    });

    it('lets the same key log in again', async () => {
      const app = replica();
      const cookie = await logIn(app);
      await request(app).post('/admin/queues/logout').set('Cookie', cookie);

      expect((await board(app, await logIn(app))).status).toBe(200);
    });
  });

  describe('when the key is replaced under the same name', () => {
    it("refuses the old key's sessions, and takes the new key's", async () => {
      const before = replica(ADMIN);
      const cookie = await logIn(before);
      const after = replica(ROTATED);

      const old = await board(after, cookie);
      const fresh = await board(after, await logIn(after, ROTATED));

      expect(old.status).toBe(401);
      expect(fresh.status).toBe(200);
    });
  });
});
