import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnqueueRequest } from '@errand/contracts';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import { startConsumer } from '../../worker/start-consumer';
import { getJobView } from '../find-job';
import { enqueueJob } from '../../producer/enqueue-job';
import { JobStore } from '../job-store';
import { testHandlers } from '../../testing/test-handlers';
import { uniquePrefix } from '../../testing/unique-prefix';
import { waitFor } from '../../testing/wait-for';
import { REDIS_TLS_CA_FILE, redisTlsOptions } from './tls-options';

/** True when this redis-server was built with TLS (Debian's is). */
function redisHasTls(): boolean {
  // Certificates that do not exist: a TLS build fails to configure TLS and
  // exits at once (before listening); another build rejects the option.
  const run = spawnSync(
    'redis-server',
    [
      '--port',
      '0',
      '--tls-port',
      '1',
      '--tls-cert-file',
      '/nonexistent',
      '--tls-key-file',
      '/nonexistent',
      '--tls-auth-clients',
      'no',
    ],
    { encoding: 'utf8', timeout: 5_000 },
  );
  return (
    /Failed to configure TLS|certificate|tls-cert-file/i.test(
      run.stdout + run.stderr,
    ) && !/not supported|Bad directive/i.test(run.stdout + run.stderr)
  );
}

/** A throwaway CA and a server certificate for 127.0.0.1 it signed. */
function makeCertificates(dir: string) {
  const ssl = (command: string) =>
    execFileSync('openssl', command.split(' '), { cwd: dir, stdio: 'pipe' });
  ssl(
    'req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=errand-test-CA -keyout ca.key -out ca.crt',
  );
  ssl(
    'req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server.key -out server.csr',
  );
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl(
    'x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -out server.crt -extfile san.ext',
  );
  return {
    ca: join(dir, 'ca.crt'),
    cert: join(dir, 'server.crt'),
    key: join(dir, 'server.key'),
  };
}

const noop = parseEnqueueRequest({ type: 'system.noop', payload: {} });
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const tls = hasOpenssl && redisHasTls();
if (!tls) {
  console.warn(
    hasOpenssl
      ? 'Skipping the rediss:// specs: this redis-server was built without TLS (BUILD_TLS=yes).'
      : 'Skipping the rediss:// specs: no openssl on PATH to make their certificates.',
  );
}

(tls ? describe : describe.skip)(
  'Redis over TLS (rediss://) with an ACL user',
  () => {
    let dir: string;
    let redis: RedisServer;
    let url: string;
    let ca: string;
    const opened: JobStore[] = [];
    const savedCa = process.env[REDIS_TLS_CA_FILE];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'errand-tls-'));
      const files = makeCertificates(dir);
      ca = files.ca;
      writeFileSync(
        join(dir, 'users.acl'),
        'user default off\nuser errand on >tls-test-password ~* &* +@all\n',
      );
      const port = await findFreePort();
      redis = await startRedisServer({
        dir,
        extraArgs: [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--tls-cert-file',
          files.cert,
          '--tls-key-file',
          files.key,
          '--tls-ca-cert-file',
          files.ca,
          '--tls-auth-clients',
          'no',
          '--aclfile',
          join(dir, 'users.acl'),
        ],
      });
      url = `rediss://errand:tls-test-password@127.0.0.1:${port}`;
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map(queues => queues.close()));
      if (savedCa === undefined) delete process.env[REDIS_TLS_CA_FILE];
      else process.env[REDIS_TLS_CA_FILE] = savedCa;
    });

    afterAll(async () => {
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    let prefix: string;

    function queueSet(redisUrl: string) {
      prefix = uniquePrefix();
      const queues = new JobStore({ redisUrl, prefix });
      opened.push(queues);
      return queues;
    }

    /** True once a PING goes through within 2 s (a connect takes a few ms). */

    async function reachable(queues: JobStore): Promise<boolean> {
      for (const until = Date.now() + 2_000; Date.now() < until;) {
        if (
          await queues.ping().then(
            () => true,
            () => false,
          )
        )
          return true;

        await new Promise(done => setTimeout(done, 100));
      }

      return false;
    }

    it('enqueues and runs a job when REDIS_TLS_CA_FILE names the CA', async () => {
      process.env[REDIS_TLS_CA_FILE] = ca;
      const queues = queueSet(url);
      expect(await reachable(queues)).toBe(true);
      const accepted = await enqueueJob(queues, noop);
      const consumer = startConsumer({
        redisUrl: url,
        prefix,
        types: ['system.noop'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      try {
        const done = await waitFor(
          () => getJobView(queues, accepted.id),
          view => view.status === 'succeeded',
        );
        expect(done.status).toBe('succeeded');
      } finally {
        await consumer.close(1_000);
      }
    });

    it('refuses a server whose CA it was not given', async () => {
      delete process.env[REDIS_TLS_CA_FILE];
      const queues = queueSet(url);
      expect(await reachable(queues)).toBe(false);
    });

    it('refuses a wrong password over TLS', async () => {
      process.env[REDIS_TLS_CA_FILE] = ca;
      const queues = queueSet(url.replace('tls-test-password', 'wrong'));
      expect(await reachable(queues)).toBe(false);
    });

    it('cannot speak plain redis:// to the TLS port', async () => {
      process.env[REDIS_TLS_CA_FILE] = ca;
      const queues = queueSet(url.replace('rediss://', 'redis://'));
      expect(await reachable(queues)).toBe(false);
    });
  },
);

describe('redisTlsOptions', () => {
  it('gives the CA only to a rediss:// URL', () => {
    const env = { [REDIS_TLS_CA_FILE]: __filename };
    expect(redisTlsOptions('redis://127.0.0.1:6380', env)).toEqual({});
    expect(redisTlsOptions('rediss://127.0.0.1:6380', {})).toEqual({});
    expect(
      redisTlsOptions('rediss://127.0.0.1:6380', env).tls?.ca,
    ).toBeInstanceOf(Buffer);
  });

  it('names a CA file it cannot read', () => {
    expect(() =>
      redisTlsOptions('rediss://x:1', {
        [REDIS_TLS_CA_FILE]: '/nonexistent/ca.pem',
      }),
    ).toThrow(/REDIS_TLS_CA_FILE=\/nonexistent\/ca.pem/);
  });
});
