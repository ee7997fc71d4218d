import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { startRedisServer, type RedisServer } from '@errand/local-redis';

const root = resolve(__dirname, '../../..');

function inspector(args: string[], env: Record<string, string> = {}) {
  // The same entry `npx inspector` resolves to from the repository root.
  return spawnSync(resolve(root, 'node_modules/.bin/inspector'), args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('npx inspector', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('runs from a fresh checkout without a build and prints JSON', () => {
    const result = inspector(['list', '--json'], {
      REDIS_URL: server.url,
      QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ jobs: [], nextCursor: null });
  });

  it('lists its commands on --help', () => {
    const result = inspector(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/list.*\n.*show.*\n.*retry.*\n.*stats/s);
  });
});
