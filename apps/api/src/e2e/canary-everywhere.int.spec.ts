import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
import { redisContents } from './redis-contents';

const ROOT = resolve(__dirname, '../../../..');

/**
 * The sibling of sensitive-fields.int.spec.ts for what a client can put
 * anywhere: a canary in a webhook's sensitive `secret` and in its request
 * headers, in the `Authorization` header (a wrong key that is nearly
 * right), and in a job whose handler fails (the receiver answers 500, so
 * the error, retry and dead-letter paths all run). With encryption at rest
 * on, it must be found nowhere: logs of both apps, every key in Redis,
 * the inspector, both `/metrics` and the dashboard's JSON API.
 */
describe.each([
  { mode: 'encrypted at rest', key: randomBytes(32).toString('base64') },
  { mode: 'stored as sent', key: undefined },
])('canary secrets sent every way a client can, $mode', ({ key }) => {
  const canary = `CANARY${randomUUID().replace(/-/g, '')}`;
  const adminKey = `errand_admin_${randomBytes(16).toString('hex')}`;
  const producerKey = `errand_shop_${randomBytes(16).toString('hex')}`;
  let redis: RedisServer;
  let receiver: Server;
  let api: SpawnedApp | undefined;
  let worker: SpawnedApp | undefined;
  let logs: string;
  let base: string;
  let workerBase: string;
  let env: Record<string, string>;
  const received: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        received.push(JSON.stringify(req.headers) + body);
        res.statusCode = 500;
        res.end('receiver down');
      });
    });
    await new Promise<void>(done => receiver.listen(0, '127.0.0.1', done));
    logs = mkdtempSync(join(tmpdir(), 'errand-canary-'));
    const [port, metricsPort] = [await findFreePort(), await findFreePort()];
    base = `http://127.0.0.1:${port}`;
    workerBase = `http://127.0.0.1:${metricsPort}`;
    env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'debug',
      ...(key && { PAYLOAD_ENCRYPTION_KEY: key }),
    };
    const hex = (key: string) => hashApiKey(key).toString('hex');
    api = spawnApp('apps/api/src/main.ts', {
      ...env,
      PORT: String(port),
      LOG_FILE: join(logs, 'api.log'),
      API_KEYS: `ops:admin:${hex(adminKey)};shop:producer:${hex(producerKey)}`,
    });
    worker = spawnApp('apps/worker/src/main.ts', {
      ...env,
      METRICS_PORT: String(metricsPort),
      LOG_FILE: join(logs, 'worker.log'),
      OUTBOUND_ALLOWLIST: '127.0.0.1,::1',
      OUTBOUND_ALLOWED_PORTS: '1024-65535', // the receiver's ephemeral port
    });
    await waitUntilHealthy(api, `${base}/healthz`);
    await waitUntilHealthy(worker, `${workerBase}/healthz`);
  });

  afterAll(async () => {
    await Promise.all([killApp(api), killApp(worker)]);
    await redis?.stop();
    await new Promise(done => receiver?.close(done));
    rmSync(logs, { recursive: true, force: true });
  });

  function inspector(...args: string[]): string {
    const run = spawnSync(resolve(ROOT, 'node_modules/.bin/inspector'), args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    return run.stdout + run.stderr;
  }

  const admin = { authorization: `Bearer ${adminKey}` };

  async function text(path: string, headers: Record<string, string> = admin) {
    const get = async () => (await fetch(`${base}${path}`, { headers })).text();
    // The inspector runs in between take seconds: a kept-alive socket can
    // reach the server's keep-alive timeout just as it is reused, which
    // fails that one fetch ("other side closed"). A GET may be sent again.
    return get().catch(get);
  }

  /**
   * The Prometheus text at `url`; fails unless it was served (a 401 or an
   * empty answer would scan clean and prove nothing).
   */
  async function exposition(url: string, headers: Record<string, string> = {}) {
    // Sent again once, as `text` does: a kept-alive socket may just close.
    const get = () => fetch(url, { headers });
    const res = await get().catch(get);
    const body = await res.text();
    expect({ url, status: res.status, body }).toEqual({
      url,
      status: 200,
      body: expect.stringMatching(/^# TYPE errand_/m),
    });
    return body;
  }

  it('reaches the receiver, fails the job, and is found nowhere else', async () => {
    const { port } = receiver.address() as AddressInfo;
    const res = await fetch(`${base}/enqueue`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${producerKey}`,
      },
      body: JSON.stringify({
        type: 'webhook.deliver',
        retries: 0,
        payload: {
          url: `http://localhost:${port}/hook`,
          secret: `whsec_${canary}`,
          body: { event: 'order.paid' },
        },
      }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    // A wrong key carrying the canary: refused, and not echoed or logged.
    const refused = await fetch(`${base}/jobs/${id}`, {
      headers: { authorization: `Bearer ${canary}` },
    });
    expect(refused.status).toBe(401);
    const refusedText = await refused.text();

    let job = { status: '' };
    for (let i = 0; i < 200 && job.status !== 'dead'; i++) {
      await new Promise(done => setTimeout(done, 50));
      job = JSON.parse(await text(`/jobs/${id}`));
    }
    // The handler ran with the secret (it signed the delivery) and failed.
    expect(job.status).toBe('dead');
    expect(received.length).toBeGreaterThan(0);

    const dashboard = JSON.parse(await text('/admin/queues/api/queues'));
    const queueName = dashboard.queues
      .map((q: { name: string }) => q.name)
      .find((name: string) => name.includes('webhook.deliver'));
    const seen = {
      'the 401 answer': refusedText,
      'GET /jobs/:id': JSON.stringify(job),
      'GET /dead-letter': await text('/dead-letter'),
      'inspector list --status dead --json': inspector(
        'list',
        '--status',
        'dead',
        '--json',
      ),
      'inspector show': inspector('show', id),
      'inspector show --json': inspector('show', id, '--json'),
      'api /metrics': await exposition(`${base}/metrics`, admin),
      'worker /metrics': await exposition(`${workerBase}/metrics`),
      'dashboard queues': JSON.stringify(dashboard),
      'dashboard failed jobs': await text(
        `/admin/queues/api/queues?activeQueue=${encodeURIComponent(queueName ?? '')}&status=failed&page=1`,
      ),
      'dashboard job': await text(
        `/admin/queues/api/queues/${encodeURIComponent(queueName ?? '')}/${id}`,
      ),
      // `*:*` is every key: each one Errand and BullMQ write has a prefix
      // (checked below against DBSIZE).
      ...(key && { 'redis (every key)': redisContents(redis.port, '*') }),
      'api log': readFileSync(join(logs, 'api.log'), 'utf8'),
      'worker log': readFileSync(join(logs, 'worker.log'), 'utf8'),
      'api stderr': api?.stderr() ?? '',
      'worker stderr': worker?.stderr() ?? '',
    };
    for (const [where, output] of Object.entries(seen)) {
      expect({ where, leaked: output.includes(canary) }).toEqual({
        where,
        leaked: false,
      });
      // Neither key is ever written down in clear, anywhere.
      expect({ where, adminKey: output.includes(adminKey) }).toEqual({
        where,
        adminKey: false,
      });
      expect({ where, producerKey: output.includes(producerKey) }).toEqual({
        where,
        producerKey: false,
      });
    }
    // The scans saw the job: its id in the logs, its queue on the dashboard.
    expect(seen['worker log']).toContain(id);
    expect(seen['dashboard failed jobs']).toContain(id);
    const stored = redisContents(redis.port, '*');
    if (key) expect(stored).toContain('errand:enc:v2:');
    // Without a key the secret is stored as sent: the scan must see it.
    else expect(stored).toContain(canary);
    // Every key has a prefix, so the `*:*` scan above saw all of them.
    // Checked key by key: counting against DBSIZE raced keys that live for
    // a moment (the stalled-check throttles, rate-limit buckets).
    const allKeys = execFileSync(
      'redis-cli',
      ['-p', String(redis.port), '--scan', '--pattern', '*'],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    expect(allKeys.length).toBeGreaterThan(0);
    expect(allKeys.filter(k => !k.includes(':'))).toEqual([]);
  }, 60_000);
});
