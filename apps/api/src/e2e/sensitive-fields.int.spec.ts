import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { redisContents } from './redis-contents';

const ROOT = resolve(__dirname, '../../../..');

/**
 * A value that must never leak: sent in the sensitive `text` field of an
 * email, then looked for everywhere an operator or an attacker could see.
 */
describe.each([
  { mode: 'stored as sent', key: undefined },
  { mode: 'encrypted at rest', key: randomBytes(32).toString('base64') },
])('a sensitive field, $mode', ({ key }) => {
  const canary = `CANARY-${randomUUID()}`;
  let redis: RedisServer;
  let api: SpawnedApp | undefined;
  let worker: SpawnedApp | undefined;
  let logs: string;
  let base: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await startRedisServer();
    logs = mkdtempSync(join(tmpdir(), 'errand-canary-'));
    const [port, metricsPort] = [await findFreePort(), await findFreePort()];
    base = `http://127.0.0.1:${port}`;
    env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'debug',
      ...(key && { PAYLOAD_ENCRYPTION_KEY: key }),
    };
    api = spawnApp('apps/api/src/main.ts', {
      ...env,
      PORT: String(port),
      LOG_FILE: join(logs, 'api.log'),
    });
    worker = spawnApp('apps/worker/src/main.ts', {
      ...env,
      METRICS_PORT: String(metricsPort),
      LOG_FILE: join(logs, 'worker.log'),
    });
    await waitUntilHealthy(api, `${base}/healthz`);
    await waitUntilHealthy(worker, `http://127.0.0.1:${metricsPort}/healthz`);
  });

  afterAll(async () => {
    await Promise.all([killApp(api), killApp(worker)]);
    await redis?.stop();
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

  async function post(body: unknown) {
    const res = await fetch(`${base}/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  it('is found nowhere an operator looks, yet reaches the handler', async () => {
    const accepted = await post({
      type: 'email.send',
      payload: { to: 'user@example.com', subject: 'Reset', text: canary },
    });
    expect(accepted.status).toBe(202);
    const { id } = JSON.parse(accepted.text);

    let job = { status: '' };
    for (let i = 0; i < 100 && job.status !== 'succeeded'; i++) {
      await new Promise(done => setTimeout(done, 50));
      job = (await (await fetch(`${base}/jobs/${id}`)).json()) as typeof job;
    }
    // The worker opened (and validated) the payload, so it saw the value.
    expect(job.status).toBe('succeeded');

    const rejected = await post({
      type: 'email.send',
      payload: { to: 'not an address', subject: 'Reset', text: canary },
    });
    expect(rejected.status).toBe(400);

    const seen = {
      'GET /jobs/:id': JSON.stringify(job),
      'the 400 answer': rejected.text,
      'inspector list': inspector('list'),
      'inspector list --json': inspector('list', '--json'),
      'inspector show': inspector('show', id),
      'inspector show --json': inspector('show', id, '--json'),
      'api log': readFileSync(join(logs, 'api.log'), 'utf8'),
      'worker log': readFileSync(join(logs, 'worker.log'), 'utf8'),
      'api stderr': api?.stderr() ?? '',
      'worker stderr': worker?.stderr() ?? '',
    };
    for (const [where, text] of Object.entries(seen)) {
      expect({ where, leaked: text.includes(canary) }).toEqual({
        where,
        leaked: false,
      });
    }
    expect(seen['inspector show --json']).toContain('[redacted]');
    // The worker did log this job, so the log check above had something to see.
    expect(seen['worker log']).toContain(id);

    const stored = redisContents(redis.port, env.QUEUE_PREFIX);
    const revealed = inspector('show', id, '--json', '--show-sensitive');
    if (key) {
      expect(stored).not.toContain(canary);
      expect(stored).toContain('errand:enc:v2:');
      expect(revealed).not.toContain(canary);
    } else {
      // Without a key the value is stored as sent, which the scan must see.
      expect(stored).toContain(canary);
      expect(revealed).toContain(canary);
    }
  });
});
