import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './find-free-port';

/** How to run the private server. */
export interface RedisServerOptions {
  /** @defaultValue a free port */
  port?: number;
  /** Where a free port comes from. @defaultValue the kernel's choice */
  freePort?: () => Promise<number>;
  /** Data folder. @defaultValue a new temporary folder, removed on stop */
  dir?: string;
  /**
   * `aof` keeps every write in an append-only file synced each second, as
   * production should; `none` keeps nothing, for fast throwaway tests.
   * @defaultValue `'none'`
   */
  persistence?: 'aof' | 'none';
  /** @defaultValue `'redis-server'` from PATH */
  binary?: string;
  /** How long to wait for "Ready to accept connections". @defaultValue 10 s */
  startTimeoutMs?: number;
  /**
   * The address to listen on (and to put in `url`), e.g. the host end of a
   * veth pair for workers in a network namespace. @defaultValue `127.0.0.1`
   */
  bind?: string;
  /**
   * A config file read first (Sentinel needs one it can rewrite); the
   * options here still apply over it. @defaultValue none
   */
  configFile?: string;
  /**
   * More `--name value` arguments after ours, e.g. `['--cluster-enabled',
   * 'yes']` or `['--replicaof', '127.0.0.1', '6380']`. @defaultValue none
   */
  extraArgs?: readonly string[];
}

/** A running private redis-server. */
export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and cleans up. */
  stop(): Promise<void>;
}

/** Thrown when the server cannot start; the message says what to do. */
class RedisServerStartError extends Error {
  override name = 'RedisServerStartError';
}

const running = new Set<ChildProcess>();
// A test run or a dev stack that dies must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Ports that refused the server, not the server itself: another will do. */
const PORT_REFUSED = /Address already in use|port number too high/;
/** Free ports tried before giving up, when none was asked for. */
const PORT_ATTEMPTS = 5;

/**
 * Starts a private `redis-server` on 127.0.0.1 and resolves once it accepts
 * connections. Tests, benchmarks and `npm start` use it so that nothing ever
 * touches a shared server on :6379.
 *
 * Without `options.port`, a port that is taken by the time the server binds
 * it is replaced by another free one: a free port can be taken in between,
 * and a cluster node also binds its bus port, its port + 10 000, which no
 * check saw and which must stay at most 65 535.
 */
export async function startRedisServer(
  options: RedisServerOptions = {},
): Promise<RedisServer> {
  if (options.port !== undefined) return startOn(options.port, options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await (options.freePort ?? findFreePort)(), options);
    } catch (error) {
      const portRefused =
        error instanceof RedisServerStartError &&
        PORT_REFUSED.test(error.message);
      if (!portRefused || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

async function startOn(
  port: number,
  options: RedisServerOptions,
): Promise<RedisServer> {
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'errand-redis-'));
  mkdirSync(dir, { recursive: true });
  const aof = options.persistence === 'aof';
  const bind = options.bind ?? '127.0.0.1';
  const args = [
    ...(options.configFile ? [options.configFile] : []),
    '--port',
    String(port),
    '--bind',
    bind,
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    aof ? 'yes' : 'no',
    '--appendfsync',
    'everysec',
    // BullMQ needs every key kept: an evicted job is a lost job.
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
    '--logfile',
    '',
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(options.binary ?? 'redis-server', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  child.once('exit', () => running.delete(child));

  try {
    await waitUntilReady(child, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `redis://${bind}:${port}`,
    port,
    dir,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(force);
      }
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new RedisServerStartError(`${message}\n${output.trim()}`));
    };
    const timer = setTimeout(
      () => fail(`redis-server was not ready within ${timeoutMs} ms.`),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // A sentinel never says "Ready"; it is once it has its id.
      if (/Ready to accept connections|Sentinel ID is/.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? 'redis-server is not on PATH. Install it (Debian: apt-get install redis-server).'
          : `redis-server did not start: ${error.message}`,
      ),
    );
    child.once('exit', code => fail(`redis-server exited with code ${code}.`));
  });
}
