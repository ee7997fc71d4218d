import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';
import { hashApiKey } from '../auth/find-api-key';

const ROOT = resolve(__dirname, '../../../..');
const ESC = '\u001b';

/**
 * The bad inputs that need the API as it runs in production (main.ts: its
 * server timeouts, its keys from API_KEYS) and the inspector as a process.
 */
describe('the running API under hostile clients', () => {
  const shopKey = `errand_shop_${randomBytes(16).toString('hex')}`;
  const crmKey = `errand_crm_${randomBytes(16).toString('hex')}`;
  const adminKey = `errand_ops_${randomBytes(16).toString('hex')}`;
  let redis: RedisServer;
  let api: SpawnedApp | undefined;
  let port: number;
  let base: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await startRedisServer();
    port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    };
    const hex = (key: string) => hashApiKey(key).toString('hex');
    api = spawnApp('apps/api/src/main.ts', {
      ...env,
      PORT: String(port),
      API_KEYS: [
        `shop:producer:${hex(shopKey)}`,
        `crm:producer:${hex(crmKey)}`,
        `ops:admin:${hex(adminKey)}`,
      ].join(';'),
    });
    await waitUntilHealthy(api, `${base}/healthz`);
  });

  afterAll(async () => {
    await killApp(api);
    await redis?.stop();
  });

  const noop = { type: 'system.noop', payload: {} };

  async function call(
    method: string,
    path: string,
    authorization?: string,
    body?: unknown,
  ) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(authorization !== undefined && { authorization }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      code: type.startsWith('application/problem+json')
        ? (JSON.parse(text).code as string)
        : undefined,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  describe('authentication', () => {
    it.each([
      ['no Authorization header', undefined],
      ['an empty one', ''],
      ['Bearer and no key', 'Bearer'],
      ['Bearer and spaces', 'Bearer    '],
      ['a wrong key', 'Bearer errand_shop_0000000000000000'],
      ['the key with a byte added', () => `Bearer ${shopKey}x`],
      ['the key cut short', () => `Bearer ${shopKey.slice(0, -1)}`],
      [
        'the key under Basic',
        () => `Basic ${Buffer.from(`shop:${shopKey}`).toString('base64')}`,
      ],
      ['two keys', () => `Bearer ${shopKey} ${crmKey}`],
    ])('refuses %s with 401 auth.unauthenticated', async (_name, header) => {
      const value = typeof header === 'function' ? header() : header;
      const answer = await call('POST', '/enqueue', value, noop);
      expect([answer.status, answer.code]).toEqual([
        401,
        'auth.unauthenticated',
      ]);
    });

    it('refuses a key in the query string even when it is right', async () => {
      const answer = await call(
        'POST',
        `/enqueue?api_key=${shopKey}`,
        undefined,
        noop,
      );
      expect([answer.status, answer.code]).toEqual([400, 'request.keyInQuery']);
    });
  });

  describe("another key's job id", () => {
    let id: string;

    beforeAll(async () => {
      const accepted = await call(
        'POST',
        '/enqueue',
        `Bearer ${shopKey}`,
        noop,
      );
      expect(accepted.status).toBe(202);
      id = accepted.body.id;
    });

    it('is readable by the key that enqueued it and by an admin', async () => {
      expect(
        (await call('GET', `/jobs/${id}`, `Bearer ${shopKey}`)).status,
      ).toBe(200);
      expect(
        (await call('GET', `/jobs/${id}`, `Bearer ${adminKey}`)).status,
      ).toBe(200);
    });

    it.each([
      ['GET', '', 404, 'job.notFound'],
      ['GET', '/events', 404, 'job.notFound'],
      ['DELETE', '', 403, 'auth.forbidden'],
      ['POST', '/retry', 403, 'auth.forbidden'],
    ])(
      'answers %s /jobs/:id%s from another producer with %i %s',
      async (method, suffix, status, code) => {
        const answer = await call(
          method,
          `/jobs/${id}${suffix}`,
          `Bearer ${crmKey}`,
        );
        expect([answer.status, answer.code]).toEqual([status, code]);
      },
    );

    it("answers an unknown id exactly as another key's id", async () => {
      const theirs = await call('GET', `/jobs/${id}`, `Bearer ${crmKey}`);
      const unknown = await call(
        'GET',
        `/jobs/${randomUUID()}`,
        `Bearer ${crmKey}`,
      );
      expect(unknown.status).toBe(theirs.status);
      expect(unknown.code).toBe(theirs.code);
    });
  });

  describe('terminal escapes in a payload', () => {
    it('are stored as sent and printed inert by the inspector', async () => {
      const subject = `${ESC}[2J${ESC}]0;owned${String.fromCharCode(7)}${ESC}[31mred\r\nBcc: x@example.com`;
      const accepted = await call('POST', '/enqueue', `Bearer ${shopKey}`, {
        type: 'email.send',
        payload: { to: 'user@example.com', subject },
      });
      expect(accepted.status).toBe(202);
      const job = await call(
        'GET',
        `/jobs/${accepted.body.id}`,
        `Bearer ${shopKey}`,
      );
      expect(job.body.payload.subject).toBe(subject);

      for (const args of [
        ['show', accepted.body.id],
        ['list'],
        ['show', accepted.body.id, '--json'],
      ]) {
        const run = spawnSync(
          resolve(ROOT, 'node_modules/.bin/inspector'),
          args,
          {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? '', ...env },
            encoding: 'utf8',
          },
        );
        expect(run.status).toBe(0);
        const output = run.stdout + run.stderr;
        expect({
          args,
          esc: output.includes(ESC),
          bel: output.includes('\u0007'),
        }).toEqual({
          args,
          esc: false,
          bel: false,
        });
      }
    });
  });

  describe('slow-drip clients', () => {
    /** Opens a socket, writes `head`, then one byte of `drip` a second. */
    function drip(head: string, drip: string) {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      const started = Date.now();
      socket.on('data', chunk => (answer += chunk.toString()));
      socket.on('error', () => undefined);
      socket.write(head);
      let next = 0;
      const timer = setInterval(() => {
        if (!socket.writable) return;
        socket.write(drip[next % drip.length] ?? ' ');
        next += 1;
      }, 1_000);
      const closed = new Promise<{ answer: string; afterMs: number }>(done =>
        socket.on('close', () => {
          clearInterval(timer);
          done({ answer, afterMs: Date.now() - started });
        }),
      );
      return { closed, socket };
    }

    it('are cut off by the server timeouts while others are served', async () => {
      // Headers that never end (headersTimeout 10 s), and a body that never
      // ends (requestTimeout 30 s); the API has Node check both every second.
      const headers = drip(
        `POST /enqueue HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`,
        'X-Slow: a\r\n',
      );
      const body = drip(
        `POST /enqueue HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${shopKey}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"type":`,
        ' ',
      );
      // Meanwhile the API answers everyone else at once.
      await new Promise(done => setTimeout(done, 2_000));
      const answer = await call('POST', '/enqueue', `Bearer ${shopKey}`, noop);
      expect(answer.status).toBe(202);

      const [slowHeaders, slowBody] = await Promise.all([
        headers.closed,
        body.closed,
      ]);
      expect(slowHeaders.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(slowBody.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(slowHeaders.afterMs).toBeGreaterThanOrEqual(9_000);
      expect(slowHeaders.afterMs).toBeLessThan(15_000);
      expect(slowBody.afterMs).toBeGreaterThanOrEqual(29_000);
      expect(slowBody.afterMs).toBeLessThan(38_000);
    }, 60_000);
  });
});
