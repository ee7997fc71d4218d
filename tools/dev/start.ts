/**
 * `npm start`: the whole local stack in the foreground.
 * 1. Redis: REDIS_URL if set; otherwise a private redis-server on a free
 *    port, its data (AOF on, noeviction) under the git-ignored `.data/`,
 *    its URL published in `.data/local-stack.env` for `npx inspector`.
 * 2. The API (PORT, default 8000) and one worker (METRICS_PORT, default
 *    8001), run from source with `node --import tsx`, their log lines
 *    prefixed.
 * 3. Ctrl-C (or SIGTERM) stops the apps gracefully, then Redis; if any
 *    process dies, everything stops and the exit code says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startRedisServer, type RedisServer } from '@errand/local-redis';
import { LOCAL_STACK_ENV } from '@errand/runtime';
import { ensureRedisServer } from './ensure-redis-server';

const root = resolve(__dirname, '../..');
const stackEnv = resolve(root, LOCAL_STACK_ENV);

function startApp(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  // node --import tsx, not the tsx command: one process, so signals reach
  // the app directly, as in production.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', `apps/${name}/src/main.ts`],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', line =>
      console.log(`[${name}] ${line}`),
    );
  }
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(done => child.once('exit', () => done()));
}

async function main(): Promise<void> {
  let redis: RedisServer | undefined;
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    ensureRedisServer();
    redis = await startRedisServer({
      dir: resolve(root, '.data/redis'),
      persistence: 'aof',
    });
    redisUrl = redis.url;
    writeFileSync(stackEnv, `REDIS_URL=${redisUrl}\n`);
  }
  // A local stack: development unless the caller says otherwise, so the API
  // may start without API_KEYS (it warns loudly when it does).
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    REDIS_URL: redisUrl,
  };
  const apps = ['api', 'worker'].map(name => startApp(name, env));
  const port = process.env.PORT ?? '8000';
  const metricsPort = process.env.METRICS_PORT ?? '8001';
  console.log(
    `Errand: API http://localhost:${port}, worker metrics http://localhost:${metricsPort}/metrics, Redis ${redisUrl}. Ctrl-C stops everything.`,
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const app of apps) app.kill('SIGTERM');
    const force = setTimeout(
      () => apps.forEach(app => app.kill('SIGKILL')),
      35_000,
    );
    await Promise.all(apps.map(exited));
    clearTimeout(force);
    if (redis) {
      rmSync(stackEnv, { force: true });
      await redis.stop();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const [i, app] of apps.entries()) {
    app.once('exit', code => {
      if (stopping) return;
      console.error(
        `[${i === 0 ? 'api' : 'worker'}] exited with code ${code}; stopping.`,
      );
      void stop(1);
    });
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
