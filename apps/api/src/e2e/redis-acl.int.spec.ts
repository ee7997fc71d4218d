import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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

const ROOT = resolve(__dirname, '../../../..');
const ACL_FILE = resolve(ROOT, 'docker/redis/users.acl');
const USERS = ['errand-api', 'errand-worker', 'errand-inspector'] as const;
type User = (typeof USERS)[number];

/**
 * docker/redis/users.acl as shipped, on a real redis-server: each app runs
 * as its own user (enqueue through the API, process with the worker, list
 * with the inspector) and is refused what it must not do.
 */
describe('Redis ACL users for each app', () => {
  const passwords = Object.fromEntries(
    USERS.map(user => [user, randomBytes(16).toString('hex')]),
  ) as Record<User, string>;
  const adminPassword = randomBytes(16).toString('hex');
  let redis: RedisServer;
  let api: SpawnedApp | undefined;
  let worker: SpawnedApp | undefined;
  let base: string;

  const urlFor = (user: string, password: string) =>
    `redis://${user}:${password}@127.0.0.1:${redis.port}`;

  /** redis-cli as `user`; the reply, or the error Redis gave. */
  function cli(user: string, password: string, ...args: string[]) {
    const run = spawnSync(
      'redis-cli',
      [
        '-p',
        String(redis.port),
        '--user',
        user,
        '--pass',
        password,
        '--no-auth-warning',
        ...args,
      ],
      { encoding: 'utf8' },
    );
    return (run.stdout + run.stderr).trim();
  }
  const admin = (...args: string[]) => cli('admin', adminPassword, ...args);

  beforeAll(async () => {
    const port = await findFreePort();
    const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    // The shipped file, with a password per user and an admin for the test.
    const acl = readFileSync(ACL_FILE, 'utf8')
      .split('\n')
      .map(line => {
        const user = USERS.find(name => line.startsWith(`user ${name} `));
        return user ? `${line} >${passwords[user]}` : line;
      })
      .concat(`user admin on >${adminPassword} ~* &* +@all`)
      .join('\n');
    const aclPath = join(dir, 'users.acl');
    writeFileSync(aclPath, `${acl}\n`);
    redis = await startRedisServer({
      port,
      dir,
      extraArgs: ['--aclfile', aclPath],
    });
    const apiPort = await findFreePort();
    const metricsPort = await findFreePort();
    base = `http://127.0.0.1:${apiPort}`;
    const common = {
      QUEUE_PREFIX: 'errand',
      REDIS_SKIP_EVICTION_CHECK: 'true',
    };
    api = spawnApp('apps/api/src/main.ts', {
      ...common,
      REDIS_URL: urlFor('errand-api', passwords['errand-api']),
      PORT: String(apiPort),
    });
    worker = spawnApp('apps/worker/src/main.ts', {
      ...common,
      REDIS_URL: urlFor('errand-worker', passwords['errand-worker']),
      METRICS_PORT: String(metricsPort),
    });
    try {
      await waitUntilHealthy(api, `${base}/healthz`);
      await waitUntilHealthy(worker, `http://127.0.0.1:${metricsPort}/healthz`);
    } catch (error) {
      console.log(api?.stderr(), worker?.stderr(), admin('ACL', 'LOG'));
      throw error;
    }
  });

  afterAll(async () => {
    await Promise.all([killApp(api), killApp(worker)]);
    await redis?.stop();
  });

  function inspector(...args: string[]) {
    return spawnSync(resolve(ROOT, 'node_modules/.bin/inspector'), args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        QUEUE_PREFIX: 'errand',
        REDIS_URL: urlFor('errand-inspector', passwords['errand-inspector']),
      },
      encoding: 'utf8',
    });
  }

  async function get(path: string) {
    const res = await fetch(`${base}${path}`);
    return {
      status: res.status,
      body: (await res.json()) as { status?: string; jobs?: unknown[] },
    };
  }

  it('lets each app do its work, and Redis refuses none of it', async () => {
    admin('ACL', 'LOG', 'RESET');
    const ids: string[] = [];
    for (const job of [
      { type: 'system.noop', payload: {} },
      { type: 'system.fail', payload: { permanent: true }, retries: 0 },
      { type: 'system.noop', payload: {}, delay: 60_000 },
    ]) {
      const res = await fetch(`${base}/enqueue`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `k-${ids.length}`,
        },
        body: JSON.stringify(job),
      });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const [noop, failing, delayed] = ids as [string, string, string];
    const statusOf = async (id: string) =>
      (await get(`/jobs/${id}`)).body.status;
    // Up to 40 s: on a loaded CI box the first jobs can take over ten.
    for (let i = 0; i < 400; i++) {
      if (
        (await statusOf(noop)) === 'succeeded' &&
        (await statusOf(failing)) === 'dead'
      )
        break;
      await new Promise(done => setTimeout(done, 100));
    }
    expect(await statusOf(noop)).toBe('succeeded');
    expect(await statusOf(failing)).toBe('dead');
    // The API's other routes: lists, stats, the dead-letter queue, retry, cancel.
    expect((await get('/jobs?status=succeeded')).body.jobs).toHaveLength(1);
    expect((await get('/stats')).status).toBe(200);
    expect((await get('/dead-letter')).body.jobs).toHaveLength(1);
    expect((await get('/schedules')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    expect(
      (await fetch(`${base}/jobs/${delayed}`, { method: 'DELETE' })).status,
    ).toBe(200);
    expect(
      (await fetch(`${base}/jobs/${failing}/retry`, { method: 'POST' })).status,
    ).toBe(200);
    expect((await get('/admin/queues/api/queues')).status).toBe(200);
    // The event stream of a finished job: reads its events stream and ends.
    const events = await fetch(`${base}/jobs/${noop}/events`);
    expect(events.status).toBe(200);
    expect(await events.text()).toContain('succeeded');
    // Prometheus text, not JSON: the queue depths are read from Redis at
    // scrape time, so `up 1` shows the API user may run that read too.
    const metrics = await fetch(`${base}/metrics`);
    const exposition = await metrics.text();
    expect({ status: metrics.status, exposition }).toEqual({
      status: 200,
      exposition: expect.stringMatching(/^errand_queue_depth_up 1$/m),
    });
    expect(exposition).toMatch(
      /^errand_queue_jobs\{type="system\.noop",status="succeeded"\} 1$/m,
    );

    for (const args of [
      ['list', '--json'],
      ['stats', '--json'],
      ['show', noop],
      ['dlq', 'list'],
    ]) {
      const run = inspector(...args);
      expect({ args, status: run.status, stderr: run.stderr }).toEqual({
        args,
        status: 0,
        stderr: '',
      });
    }
    expect(
      JSON.parse(inspector('list', '--json').stdout).jobs.length,
    ).toBeGreaterThan(0);

    // Nothing any app did, in the foreground or background, was refused.
    expect(admin('ACL', 'LOG')).toBe('');
    if (process.env['SHOW_COMMANDSTATS'])
      console.log(admin('INFO', 'commandstats'));
  }, 90_000);

  it.each(USERS)('refuses %s the commands no app needs', user => {
    const as = (...args: string[]) => cli(user, passwords[user], ...args);
    for (const command of [
      ['FLUSHALL'],
      ['FLUSHDB'],
      ['KEYS', 'errand:*'],
      ['CONFIG', 'GET', 'requirepass'],
      ['CONFIG', 'SET', 'appendonly', 'no'],
      ['SHUTDOWN', 'NOSAVE'],
      ['ACL', 'LIST'],
      ['CLIENT', 'KILL', 'TYPE', 'normal'],
      ['MONITOR'],
      ['SCRIPT', 'FLUSH'],
      ['FUNCTION', 'FLUSH'],
      ['REPLICAOF', '127.0.0.1', '1'],
      ['MIGRATE', '127.0.0.1', '1', 'errand:x', '0', '1'],
      ['SWAPDB', '0', '1'],
      ['MODULE', 'LIST'],
    ]) {
      expect({ command, reply: as(...command) }).toEqual({
        command,
        reply: expect.stringMatching(/^NOPERM/),
      });
    }
    // Keys outside the prefix are out of reach too, even for reading.
    expect(as('GET', 'other-app:secret')).toMatch(/^NOPERM/);
    expect(as('SET', 'other-app:x', '1')).toMatch(/^NOPERM/);
    expect(admin('DBSIZE')).not.toBe('0');
  });

  it('refuses the users without their password', () => {
    expect(cli('errand-api', 'wrong', 'PING')).toMatch(/WRONGPASS/);
    expect(cli('default', '', 'PING')).toMatch(/WRONGPASS|NOAUTH/);
  });
});
