import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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

// The Python client's unittest suite (libs/client-python/tests) against the
// real API and worker as processes, with the package installed the way its
// users install it: `pip install`, from no package index.
const LIB_ROOT = resolve(__dirname, '..');
const TESTS = join(LIB_ROOT, 'tests');
const REPORTER = 'json_report.py';
const API_MAIN = 'apps/api/src/main.ts';
const WORKER_MAIN = 'apps/worker/src/main.ts';
/** The API's `EVENT_STREAM_MAX_MS`: its shortest. */
const STREAM_LIFETIME_MS = 1_000;
// A cold `pip install` and the jobs' round trips under a loaded CI machine.
const SUITE_TIMEOUT_MS = 120_000;

/** How one Python test went, as tests/json_report.py reports it. */
interface PythonOutcome {
  outcome: 'passed' | 'failed' | 'error' | 'skipped';
  detail: string;
}

/**
 * The suite's test ids, listed when Jest collects this file so that each
 * Python test is a test of its own here (and in CI's count). Listed from
 * the source folder: the installed copy does not exist yet.
 */
function listPythonTests(): string[] {
  const listing = spawnSync('python3', [REPORTER, 'list'], {
    cwd: TESTS,
    env: { ...process.env, PYTHONPATH: LIB_ROOT, PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
  });
  if (listing.status !== 0) {
    throw new Error(`Could not list the Python tests:\n${listing.stderr}`);
  }
  return JSON.parse(listing.stdout) as string[];
}

/** An `API_KEYS` entry and the key it admits, as `npm run new-api-key`. */
function apiKey(name: string, role: string): { key: string; entry: string } {
  const key = `errand_${randomBytes(24).toString('base64url')}`;
  const hash = createHash('sha256').update(key).digest('hex');
  return { key, entry: `${name}:${role}:${hash}` };
}

/** How a command ended, with what it wrote. */
interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end. Not spawnSync: the event loop must keep
 * draining the spawned apps' output pipes meanwhile.
 */
function run(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<Finished> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', status => done({ status, stdout, stderr }));
  });
}

describe('the Python client against the real API', () => {
  const testIds = listPythonTests();
  let outcomes: Record<string, PythonOutcome> = {};
  const stack: { redis: RedisServer[]; apps: SpawnedApp[] } = {
    redis: [],
    apps: [],
  };
  let workDir: string;
  let pythonEnv: Record<string, string>;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'errand-python-'));
    const site = join(workDir, 'site');
    // --no-index: the install must need nothing from a package index.
    const pip = await run(
      'python3',
      [
        ...['-m', 'pip', 'install', '--quiet', '--no-index', '--no-deps'],
        ...['--no-cache-dir', '--disable-pip-version-check'],
        ...['--target', site, LIB_ROOT],
      ],
      { env: process.env },
    );
    if (pip.status !== 0) {
      throw new Error(`pip install failed:\n${pip.stdout}${pip.stderr}`);
    }

    const admin = apiKey('python-client', 'admin');
    const env = {
      QUEUE_PREFIX: `py-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'warn',
      API_KEYS: admin.entry,
      // Lets tests/test_flows.py ask for a callback; the jobs it asks one
      // for never end while the suite runs, so nothing is delivered.
      CALLBACK_SIGNING_SECRET: randomBytes(24).toString('hex'),
    };
    const redis = await startRedisServer();
    stack.redis.push(redis);
    const apiPort = await findFreePort();
    const api = spawnApp(API_MAIN, {
      ...env,
      REDIS_URL: redis.url,
      PORT: String(apiPort),
      // Streams end after a second, so that waits and event loops cross
      // the API closing a stream and reconnect.
      EVENT_STREAM_MAX_MS: String(STREAM_LIFETIME_MS),
    });
    const metricsPort = await findFreePort();
    const worker = spawnApp(WORKER_MAIN, {
      ...env,
      REDIS_URL: redis.url,
      METRICS_PORT: String(metricsPort),
      OUTBOX_DIR: join(workDir, 'outbox'),
      OUTPUT_DIR: join(workDir, 'output'),
    });
    stack.apps.push(api, worker);

    // A second API whose Redis goes away once it is up: the 503 case.
    const lostRedis = await startRedisServer();
    stack.redis.push(lostRedis);
    const lostPort = await findFreePort();
    const lostApi = spawnApp(API_MAIN, {
      ...env,
      REDIS_URL: lostRedis.url,
      PORT: String(lostPort),
    });
    stack.apps.push(lostApi);

    const baseUrl = `http://127.0.0.1:${apiPort}`;
    const lostUrl = `http://127.0.0.1:${lostPort}`;
    await Promise.all([
      waitUntilHealthy(api, `${baseUrl}/healthz`),
      waitUntilHealthy(worker, `http://127.0.0.1:${metricsPort}/healthz`),
      waitUntilHealthy(lostApi, `${lostUrl}/healthz`),
    ]);
    await lostRedis.stop();

    pythonEnv = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // The installed copy, not the source folder: the tests run from
      // tests/, where the package is not.
      PYTHONPATH: site,
      PYTHONDONTWRITEBYTECODE: '1',
      ERRAND_URL: baseUrl,
      ERRAND_API_KEY: admin.key,
      ERRAND_UNAVAILABLE_URL: lostUrl,
      ERRAND_STREAM_LIFETIME: String(STREAM_LIFETIME_MS / 1_000),
    };
  }, SUITE_TIMEOUT_MS);

  // The whole suite in one process; each test below reads its outcome.
  beforeAll(async () => {
    const report = await run('python3', [REPORTER, 'run'], {
      cwd: TESTS,
      env: pythonEnv,
    });
    if (report.status !== 0 || report.stderr) {
      throw new Error(`The Python suite did not run:\n${report.stderr}`);
    }
    outcomes = JSON.parse(report.stdout) as Record<string, PythonOutcome>;
  }, SUITE_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(stack.apps.map(app => killApp(app)));
    await Promise.all(stack.redis.map(redis => redis.stop()));
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('imports errand_client from the pip-installed copy', async () => {
    const where = await run(
      'python3',
      ['-c', 'import errand_client; print(errand_client.__file__)'],
      { env: pythonEnv, cwd: TESTS },
    );

    expect(where.stderr).toBe('');
    expect(where.stdout.trim()).toBe(
      join(pythonEnv.PYTHONPATH, 'errand_client', '__init__.py'),
    );
  });

  it('runs every listed test, and nothing else', () => {
    expect(Object.keys(outcomes).sort()).toEqual([...testIds].sort());
  });

  // A skip fails too: the stack above sets everything the tests need.
  it.each(testIds)('passes %s', id => {
    const { outcome, detail } = outcomes[id] ?? {
      outcome: 'error',
      detail: 'did not run (see "runs every listed test")',
    };

    expect({ outcome, detail }).toEqual({ outcome: 'passed', detail: '' });
  });
});
