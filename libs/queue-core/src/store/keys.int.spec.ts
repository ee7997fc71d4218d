import { Redis } from 'ioredis';
import { startRedisCluster, type RedisCluster } from '@errand/local-redis';
import {
  completed,
  jobTypes,
  parseFlowRequest,
  parseReplayRequest,
  retry,
  type JobType,
} from '@errand/contracts';
import { cancelJob } from '../admin/operations/cancel-job';
import { replayDeadJobs } from '../admin/dead-letter/replay-dead-jobs';
import { recordAudit } from '../admin/audit/audit-log';
import { revokeSession } from '../admin/dashboard/revoked-sessions';
import { enqueueIdempotently } from '../producer/idempotency/enqueue-idempotently';
import { enqueueJob } from '../producer/enqueue-job';
import { enqueueFlow } from '../producer/enqueue-flow';
import { startConsumer, type Consumer } from '../worker/start-consumer';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  uniquePrefix,
  useQueueFixture,
  waitFor,
} from '../testing/index';
import { countCancelled } from './cancelled-jobs';
import { JobStore } from './job-store';
import { probeWritable } from './probe-writable';
import { recordEncryptionMarker } from './security/encryption-marker';
import { keyPatternOf } from './keys';

/**
 * Rule: every key Errand writes is named in keys.ts. One job's whole life
 * (enqueue, run, fail, dead, replay, cancel, idempotent repeat, audit) and
 * the side keys (probe, encryption marker, revoked session) run against
 * real Redis; then every key under the prefix must match a keys.ts
 * pattern and, on a cluster, carry the hash tag the pattern promises.
 */

/** system.fail succeeds once its message is "ok", as in the cluster spec. */
const handlers = testHandlers({
  'system.fail': async ({ message }, { attempt }) =>
    message === 'ok'
      ? completed({ succeededOnAttempt: attempt })
      : retry(message ?? 'failed'),
});

async function runCycle(queues: JobStore, start: () => Consumer) {
  start();
  // BullMQ's state, read directly: the spec is about keys, not about how
  // Errand finds and shows a job.
  const stateOf = (type: JobType, id: string, state: string) =>
    waitFor(
      async () => (await queues.queueFor(type).getJob(id))?.getState(),
      found => found === state,
      15_000,
    );
  const ran = await enqueueJob(queues, { type: 'system.noop', payload: {} });
  await stateOf('system.noop', ran.id, 'completed');

  const failing = await enqueueJob(queues, {
    type: 'system.fail',
    payload: { message: 'boom' },
    retries: 1,
  });
  await stateOf('system.fail', failing.id, 'failed');
  await replayDeadJobs(
    queues,
    parseReplayRequest({ ids: [failing.id], patch: { message: 'ok' } }),
    { by: 'keys-spec' },
  );
  await stateOf('system.fail', failing.id, 'completed');

  const waiting = await enqueueJob(queues, {
    type: 'system.noop',
    payload: {},
    delay: 60_000,
  });
  await cancelJob(queues, waiting.id, 'keys-spec');
  const running = await enqueueJob(queues, {
    type: 'system.sleep',
    payload: { ms: 30_000 },
  });
  await stateOf('system.sleep', running.id, 'active');
  await cancelJob(queues, running.id, 'keys-spec');
  await waitFor(
    () => countCancelled(queues, 'system.sleep'),
    count => count === 1,
    15_000,
  );

  // A flow across types: on a cluster in its flow shard's queues.
  const flow = await enqueueFlow(
    queues,
    parseFlowRequest({
      type: 'email.send',
      payload: { to: 'a@example.com', subject: 'Hi' },
      children: [{ type: 'system.noop', payload: {} }],
    }),
  );
  await waitFor(
    async () => {
      for (const queue of queues.queuesOf('email.send')) {
        const job = await queue.getJob(flow.id);
        if (job) return job.getState();
      }
      return undefined;
    },
    found => found === 'completed',
    15_000,
  );

  const request = { type: 'system.noop' as const, payload: {} };
  const once = { key: 'order-42', body: request, secret: 's', owner: 'shop' };
  const first = await enqueueIdempotently(queues, request, once);
  const again = await enqueueIdempotently(queues, request, once);
  expect(again.accepted.id).toBe(first.accepted.id);

  await recordAudit(queues, {
    actor: 'keys-spec',
    action: 'replay',
    count: 1,
    details: { ids: [failing.id] },
  });
  await probeWritable(queues);
  await recordEncryptionMarker(queues.connection, queues.naming, 'k1');
  await revokeSession(queues, 'session-1', Date.now() + 60_000);
}

/** Every key under `prefix` on each of `ports` (the masters), by SCAN. */
async function scanKeys(ports: number[], prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for (const port of ports) {
    const direct = new Redis(port, '127.0.0.1');
    try {
      for await (const batch of direct.scanStream({ match: `${prefix}:*` })) {
        keys.push(...(batch as string[]));
      }
    } finally {
      direct.disconnect();
    }
  }
  return [...new Set(keys)].sort();
}

/** The keys that break the rule, each with why; empty when all keep it. */
function misnamed(keys: string[], prefix: string, hashTag: boolean) {
  const tags = new Set(jobTypes.map(type => `{${type}}`));
  // A type's queue in a flow shard carries the shard's tag (queue-name.ts).
  const isQueueTag = (tag: string) => tags.has(tag) || /^\{f\d+\}$/.test(tag);
  return keys.flatMap(key => {
    const pattern = keyPatternOf(prefix, key);
    if (!pattern) return [`${key}: no keys.ts pattern`];
    const tag = /\{[^}]*\}/.exec(key)?.[0];
    if (hashTag && pattern.tag === 'queue' && !(tag && isQueueTag(tag))) {
      return [`${key}: lacks its queue's hash tag`];
    }
    if (hashTag && pattern.tag === 'own' && !tag) {
      return [`${key}: lacks a hash tag`];
    }
    if (!hashTag && pattern.tag === 'queue' && tag) {
      return [`${key}: hash-tagged without hash tags on`];
    }
    return [];
  });
}

/** The shapes the cycle must have written, so it proves what it says. */
const WRITTEN = [
  'audit',
  'encryption marker',
  'revoked dashboard session',
  'readiness probe',
  'idempotency record',
  'idempotency index',
  'cancelled jobs',
  'BullMQ queue key',
  'BullMQ job key',
];

const shapesOf = (keys: string[], prefix: string) =>
  [...new Set(keys.map(key => keyPatternOf(prefix, key)?.name))].sort();

describe('keys.ts names every key', () => {
  describe('on one redis-server', () => {
    const fixture = useQueueFixture();

    it('every key of a whole job cycle matches a keys.ts pattern', async () => {
      const { queues, prefix, server } = fixture;
      await runCycle(queues, () =>
        fixture.startConsumer({
          types: jobTypes,
          concurrency: 2,
          retryPolicy: FAST_RETRY_POLICY,
          handlers,
        }),
      );

      const keys = await scanKeys([server.port], prefix);
      expect(keys.every(key => key.startsWith(`${prefix}:`))).toBe(true);
      expect(misnamed(keys, prefix, false)).toEqual([]);
      expect(shapesOf(keys, prefix)).toEqual(expect.arrayContaining(WRITTEN));
    }, 60_000);
  });

  describe('on a Redis Cluster', () => {
    let cluster: RedisCluster;
    let queues: JobStore | undefined;
    let consumer: Consumer | undefined;

    beforeAll(async () => {
      cluster = await startRedisCluster({ masters: 3 });
    }, 60_000);
    afterAll(async () => {
      await consumer?.close(1_000);
      await queues?.close();
      await cluster?.stop();
    });

    it('every key also carries the hash tag its pattern promises', async () => {
      const prefix = uniquePrefix();
      queues = new JobStore({
        redisUrl: cluster.url,
        prefix,
        deadlineMs: 3_000,
      });
      expect(queues.naming.hashTag).toBe(true);
      await runCycle(
        queues,
        () =>
          (consumer = startConsumer({
            redisUrl: cluster.url,
            prefix,
            types: jobTypes,
            concurrency: 2,
            retryPolicy: FAST_RETRY_POLICY,
            handlers,
          })),
      );

      const keys = await scanKeys(
        cluster.nodes.map(node => node.port),
        prefix,
      );
      expect(misnamed(keys, prefix, true)).toEqual([]);
      // The flow's keys are its shard's, and were checked with the rest.
      expect(keys.some(key => key.startsWith(`${prefix}:{f`))).toBe(true);
      expect(shapesOf(keys, prefix)).toEqual(expect.arrayContaining(WRITTEN));
    }, 90_000);
  });
});
