import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startRedisCluster, type RedisCluster } from '@errand/local-redis';
import {
  completed,
  jobTypes,
  waitForChildren,
  type ChildOutcome,
  type HandlerMap,
  type JobType,
} from '@errand/contracts';
import { JobStore, purgeDeadJobs, startConsumer } from '@errand/queue-core';
import {
  testHandlers,
  uniquePrefix,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';
import { openEventStream } from '../testing/event-stream-client';

/** Generous for a loaded two-core machine; a healthy run takes a second. */
const ENDS_WITHIN_MS = 30_000;

interface NodeAccepted {
  id: string;
  type: JobType;
  path: string;
}

/**
 * Flows on a real three-master Redis Cluster, through the API a client
 * uses and a real consumer: BullMQ's flow scripts touch a parent's and its
 * children's keys at once, so a flow whose nodes have different types must
 * still sit in one slot (its flow shard, docs/scaling.md#flows-on-a-cluster).
 */
describe('flows on a three-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let queues: JobStore;
  let consumer: ReturnType<typeof startConsumer> | undefined;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  let prefix = '';
  beforeEach(() => {
    prefix = uniquePrefix();
    queues = new JobStore({ redisUrl: cluster.url, prefix, deadlineMs: 5_000 });
  });
  afterEach(async () => {
    await consumer?.close(1_000);
    consumer = undefined;
    await queues.close();
  });

  const app = () => createApp({ queues, logger: createSilentLogger() });
  const start = (handlers: Partial<HandlerMap> = {}) => {
    consumer = startConsumer({
      redisUrl: cluster.url,
      prefix,
      types: jobTypes,
      concurrency: 4,
      handlers: testHandlers(handlers),
    });
  };
  const post = async (body: object): Promise<NodeAccepted[]> => {
    const res = await request(app()).post('/flows').send(body);
    expect(res.status).toBe(202);
    return res.body.nodes as NodeAccepted[];
  };
  const jobWhen = (id: string, status: string) =>
    waitFor(
      async () => (await request(app()).get(`/jobs/${id}`)).body,
      job => job.status === status,
      ENDS_WITHIN_MS,
    );
  /** The Redis slot of the hash of job `id`, found in its type's queues. */
  const slotOf = async (type: JobType, id: string): Promise<number> => {
    for (const queue of queues.queuesOf(type)) {
      if (await queue.getJob(id)) {
        return Number(
          await queues.connection.cluster('KEYSLOT', queue.toKey(id)),
        );
      }
    }
    throw new Error(`job ${id} is in no queue of ${type}`);
  };

  describe('when a flow’s nodes have different types', () => {
    it('runs every node, the parent after its children, and the API sees them all', async () => {
      const ended = new Map<string, number>();
      const parentRuns: { at: number; children: ChildOutcome[] }[] = [];
      start({
        'system.sleep': async ({ ms }, context) => {
          await new Promise(resolve => setTimeout(resolve, ms));
          ended.set(context.jobId, Date.now());
          return completed({ sleptMs: ms });
        },
        // A child that fans out itself, into its flow's slot.
        'system.noop': async (_payload, context) => {
          if (context.pass === 1) {
            return waitForChildren([
              { type: 'system.sleep', payload: { ms: 50 } },
              { type: 'system.sleep', payload: { ms: 80 } },
            ]);
          }
          const children = await context.children();
          ended.set(context.jobId, Date.now());
          return children.every(child => child.status === 'succeeded')
            ? completed({})
            : completed({ missing: true });
        },
        'email.send': async (payload, context) => {
          parentRuns.push({
            at: Date.now(),
            children: await context.children(),
          });
          return completed({ messageId: `sent-${payload.to}` });
        },
      });

      const nodes = await post({
        type: 'email.send',
        payload: { to: 'boss@example.com', subject: 'Done' },
        children: [
          { type: 'system.sleep', payload: { ms: 200 } },
          { type: 'system.noop', payload: {} },
        ],
      });
      const [root] = nodes;

      const rootView = await jobWhen(root.id, 'succeeded');
      expect(rootView.result).toEqual({ messageId: 'sent-boss@example.com' });
      expect(parentRuns).toHaveLength(1);
      expect(ended.size).toBe(4);
      for (const at of ended.values()) {
        expect(parentRuns[0].at).toBeGreaterThanOrEqual(at);
      }
      expect(parentRuns[0].children.map(child => child.type).sort()).toEqual([
        'system.noop',
        'system.sleep',
      ]);

      const flow = await request(app()).get(`/flows/${root.id}`);
      expect(flow.status).toBe(200);
      expect(flow.body.nodes).toEqual({ total: 5, counts: { succeeded: 5 } });
      for (const node of flow.body.page as NodeAccepted[]) {
        const job = await request(app()).get(`/jobs/${node.id}`);
        expect(job.status).toBe(200);
        expect(job.body.status).toBe('succeeded');
      }
      const fanOut = (flow.body.page as { depth: number }[]).filter(
        node => node.depth === 2,
      );
      expect(fanOut).toHaveLength(2);
      const listed = await request(app()).get(
        '/jobs?type=system.sleep&status=succeeded',
      );
      expect(listed.status).toBe(200);
      expect(listed.body.jobs).toHaveLength(3);
      // Every node, the fanned-out ones included, in one slot.
      const slots = await Promise.all(
        (flow.body.page as NodeAccepted[]).map(node =>
          slotOf(node.type, node.id),
        ),
      );
      expect(new Set(slots).size).toBe(1);
    }, 60_000);

    it('runs a chain step after step, each reading the one before', async () => {
      const order: string[] = [];
      start({
        'system.sleep': async ({ ms }, context) => {
          order.push(`sleep ${ms} after ${(await context.children()).length}`);
          return completed({ sleptMs: ms });
        },
        'email.send': async (_payload, context) => {
          const [before] = await context.children();
          order.push('email');
          return completed({
            messageId:
              before?.type === 'system.sleep' && before.status === 'succeeded'
                ? `after ${before.result.sleptMs}`
                : 'none',
          });
        },
      });

      const nodes = await post({
        chain: [
          { type: 'system.sleep', payload: { ms: 30 } },
          { type: 'system.sleep', payload: { ms: 10 } },
          {
            type: 'email.send',
            payload: { to: 'a@example.com', subject: 'Done' },
          },
        ],
      });

      const view = await jobWhen(nodes[0].id, 'succeeded');
      expect(order).toEqual(['sleep 30 after 0', 'sleep 10 after 1', 'email']);
      expect(view.result).toEqual({ messageId: 'after 10' });
    }, 60_000);
  });

  describe('GET /flows/:id/events', () => {
    it('streams every node to its end from the flow shard’s queues', async () => {
      const server = app().listen(0);
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      try {
        const [root, ...children] = await post({
          type: 'system.noop',
          payload: {},
          children: [
            { type: 'system.sleep', payload: { ms: 300 } },
            {
              type: 'email.send',
              payload: { to: 'a@example.com', subject: 'Hi' },
            },
          ],
        });
        const stream = await openEventStream(
          `http://127.0.0.1:${port}/flows/${root.id}/events`,
        );
        expect(stream.status).toBe(200);
        await stream.nth(3); // the walk: every node as it stands
        start();

        await Promise.race([
          stream.ended,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('no end')), ENDS_WITHIN_MS),
          ),
        ]);
        const nodes = stream.events
          .filter(e => e.event === 'node')
          .map(e => e.data as Record<string, unknown>);
        for (const node of [root, ...children]) {
          const statuses = nodes
            .filter(data => data.id === node.id)
            .map(data => data.status);
          expect(statuses.at(-1)).toBe('succeeded');
        }
        // Where a node is kept is not part of what is told.
        for (const data of nodes) {
          expect(Object.keys(data).sort()).toEqual([
            'id',
            'parentId',
            'status',
            'type',
          ]);
        }
        expect(stream.events.at(-1)).toEqual({
          event: 'end',
          data: { id: root.id, status: 'succeeded', counts: { succeeded: 3 } },
        });
      } finally {
        server.closeAllConnections();
        await new Promise(resolve => server.close(resolve));
      }
    }, 60_000);
  });

  describe('when flows are stored', () => {
    it('puts each flow in one shard and spreads flows over every shard', async () => {
      const roots = await Promise.all(
        Array.from({ length: 40 }, async () => {
          const [root, child] = await post({
            type: 'email.send',
            payload: { to: 'a@example.com', subject: 'Later' },
            delay: 60_000,
            children: [{ type: 'system.noop', payload: {}, delay: 60_000 }],
          });
          const [rootSlot, childSlot] = await Promise.all([
            slotOf(root.type, root.id),
            slotOf(child.type, child.id),
          ]);
          expect(childSlot).toBe(rootSlot);
          return rootSlot;
        }),
      );
      expect(new Set(roots).size).toBe(3);
      // The three default shards' tags ({f0} {f1} {f2}) hash to slots on
      // three different masters of an evenly split cluster.
      const ranges = await queues.connection.cluster('SLOTS');
      const masterOf = (slot: number) =>
        ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
      expect(new Set(roots.map(masterOf)).size).toBe(3);
    }, 60_000);
  });

  describe('when the API has keys', () => {
    it('lets the producer read every node, and stores a keyed flow once', async () => {
      const secret = 'producer-secret-producer-secret-0';
      const keyed = createApp({
        queues,
        logger: createSilentLogger(),
        apiKeys: [{ name: 'shop', role: 'producer', hash: hashApiKey(secret) }],
      });
      const body = {
        type: 'email.send',
        payload: { to: 'a@example.com', subject: 'Later' },
        children: [{ type: 'system.noop', payload: {}, delay: 60_000 }],
      };
      const first = await request(keyed)
        .post('/flows')
        .set('authorization', `Bearer ${secret}`)
        .set('Idempotency-Key', 'cluster-flow-1')
        .send(body);
      const again = await request(keyed)
        .post('/flows')
        .set('authorization', `Bearer ${secret}`)
        .set('Idempotency-Key', 'cluster-flow-1')
        .send(body);
      expect(first.status).toBe(202);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);

      for (const node of first.body.nodes as NodeAccepted[]) {
        const job = await request(keyed)
          .get(`/jobs/${node.id}`)
          .set('authorization', `Bearer ${secret}`);
        expect(job.status).toBe(200);
      }
    }, 60_000);
  });

  describe('when a flow’s nodes share a concurrency key', () => {
    it('runs them one at a time under a per-key cap of 1, then the parent', async () => {
      let running = 0;
      let most = 0;
      start({
        'system.sleep': async ({ ms }) => {
          running += 1;
          most = Math.max(most, running);
          await new Promise(resolve => setTimeout(resolve, ms));
          running -= 1;
          return completed({ sleptMs: ms });
        },
      });
      const limits = await request(app())
        .put('/job-types/system.sleep/limits')
        .send({ rateLimit: null, maxConcurrent: null, perKeyConcurrency: 1 });
      expect(limits.status).toBe(200);
      const sleep = {
        type: 'system.sleep',
        payload: { ms: 150 },
        concurrencyKey: 'acme',
      };
      const [root] = await post({
        type: 'system.noop',
        payload: {},
        children: [sleep, sleep, sleep],
      });

      await jobWhen(root.id, 'succeeded');
      expect(most).toBe(1);
    }, 60_000);
  });

  describe('when a flow’s node dies', () => {
    it('is listed in the dead-letter queue, counted, and replayed by id', async () => {
      start();
      const [root, failing] = await post({
        type: 'email.send',
        payload: { to: 'a@example.com', subject: 'Anyway' },
        children: [
          {
            type: 'system.fail',
            payload: { permanent: true },
            onFailure: 'ignore',
          },
          { type: 'system.noop', payload: {} },
        ],
      });
      await jobWhen(root.id, 'succeeded');
      await jobWhen(failing.id, 'dead');

      const dead = await request(app()).get('/dead-letter');
      expect(dead.status).toBe(200);
      expect(dead.body.jobs.map((job: { id: string }) => job.id)).toEqual([
        failing.id,
      ]);
      const stats = await request(app()).get('/stats');
      const countsOf = (type: string) =>
        stats.body.types.find((t: { type: string }) => t.type === type)?.counts;
      expect(countsOf('system.fail')).toMatchObject({ dead: 1 });
      expect(countsOf('email.send')).toMatchObject({ succeeded: 1 });
      expect(countsOf('system.noop')).toMatchObject({ succeeded: 1 });

      const replay = await request(app())
        .post('/dead-letter/replay')
        .send({ ids: [failing.id] });
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({
        state: 'done',
        jobs: [{ id: failing.id, type: 'system.fail' }],
        skipped: [],
      });
      // It fails again, for good: a purge of the dead reaches its shard.
      await jobWhen(failing.id, 'dead');
      const purged = await purgeDeadJobs(queues, 0);
      expect(purged.total).toBe(1);
    }, 60_000);
  });

  describe('DELETE /flows/:id', () => {
    it('cancels every node not ended, the running one where it runs', async () => {
      start();
      const nodes = await post({
        type: 'email.send',
        payload: { to: 'a@example.com', subject: 'Never' },
        children: [
          { type: 'system.sleep', payload: { ms: 60_000 } },
          { type: 'system.noop', payload: {}, delay: 60_000 },
        ],
      });
      const [root, sleeping, scheduled] = nodes;
      await jobWhen(sleeping.id, 'running');

      const res = await request(app()).delete(`/flows/${root.id}`);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ cancelled: 2, requested: 1, ended: 0 });

      for (const node of [root, sleeping, scheduled]) {
        await jobWhen(node.id, 'cancelled');
      }
    }, 60_000);
  });

  describe('when a job enqueued alone fans out', () => {
    it('ends dead, saying it must be a flow, while a flow of one node fans out', async () => {
      start({
        'system.noop': async (_payload, context) =>
          context.pass === 1
            ? waitForChildren([{ type: 'system.sleep', payload: { ms: 1 } }])
            : completed({}),
      });
      const alone = await request(app())
        .post('/enqueue')
        .send({ type: 'system.noop', payload: {} });
      expect(alone.status).toBe(202);
      const [flowRoot] = await post({ type: 'system.noop', payload: {} });

      const dead = await jobWhen(alone.body.id, 'dead');
      expect(dead.lastError.message).toMatch(/needs a flow/);
      const done = await jobWhen(flowRoot.id, 'succeeded');
      expect(done.children).toEqual({ total: 1, counts: { succeeded: 1 } });
    }, 60_000);
  });
});
