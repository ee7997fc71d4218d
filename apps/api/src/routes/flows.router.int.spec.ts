import request from 'supertest';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';

const email = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Your PDF' },
};
const noop = { type: 'system.noop', payload: {} };
const pdf = {
  type: 'system.sleep',
  payload: { ms: 1 },
};

describe('flows', () => {
  const fixture = useQueueFixture();
  const app = (deps = {}) =>
    createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      ...deps,
    });

  describe('POST /flows with a valid tree', () => {
    it('answers 202 with the root id and every node, and stores the tree', async () => {
      const res = await request(app())
        .post('/flows')
        .send({
          ...email,
          name: 'mail',
          children: [
            { ...pdf, name: 'render', children: [{ ...noop, name: 'resize' }] },
            { ...noop, name: 'audit', delay: 60_000 },
          ],
        });
      expect(res.status).toBe(202);
      expect(res.headers.location).toBe(`/flows/${res.body.id}`);
      expect(
        res.body.nodes.map((n: { path: string; status: string }) => [
          n.path,
          n.status,
        ]),
      ).toEqual([
        ['/', 'waiting'],
        ['/children/0', 'waiting'],
        ['/children/1', 'scheduled'],
        ['/children/0/children/0', 'queued'],
      ]);
      const [root, render] = res.body.nodes;
      expect(root.id).toBe(res.body.id);

      const job = await request(app()).get(`/jobs/${render.id}`);
      expect(job.body).toEqual(
        expect.objectContaining({
          status: 'waiting',
          parentId: root.id,
          children: { total: 1, counts: { queued: 1 } },
        }),
      );
      const flow = await request(app()).get(`/flows/${root.id}`);
      expect(flow.status).toBe(200);
      expect(flow.body).toEqual(
        expect.objectContaining({
          id: root.id,
          type: 'email.send',
          status: 'waiting',
          nodes: { total: 4, counts: { waiting: 2, scheduled: 1, queued: 1 } },
          nextCursor: null,
        }),
      );
      expect(flow.body.page[0]).toEqual({
        id: root.id,
        type: 'email.send',
        name: 'mail',
        status: 'waiting',
        parentId: null,
        depth: 0,
        children: 2,
      });
      const stats = await request(app()).get('/stats');
      const counts = (type: string) =>
        stats.body.types.find((t: { type: string }) => t.type === type).counts;
      expect(counts('email.send').waiting).toBe(1);
      expect(counts('system.sleep').waiting).toBe(1);
    });

    it('stores a chain as a tree, the last step its root', async () => {
      const res = await request(app())
        .post('/flows')
        .send({ chain: [noop, pdf, email] });
      expect(res.status).toBe(202);
      expect(res.body.type).toBe('email.send');
      expect(res.body.nodes.map((n: { path: string }) => n.path)).toEqual([
        '/chain/2',
        '/chain/1',
        '/chain/0',
      ]);
      const flow = await request(app()).get(`/flows/${res.body.id}`);
      expect(flow.body.page.map((n: { depth: number }) => n.depth)).toEqual([
        0, 1, 2,
      ]);
    });

    it('pages a flow past 1 000 nodes', async () => {
      const children = Array.from({ length: 1_200 }, () => noop);
      const res = await request(app())
        .post('/flows')
        .send({ ...noop, children });
      expect(res.status).toBe(202);
      const first = await request(app()).get(`/flows/${res.body.id}`);
      expect(first.body.page).toHaveLength(1_000);
      expect(first.body.nodes.total).toBe(1_201);
      const second = await request(app()).get(
        `/flows/${res.body.id}?cursor=${first.body.nextCursor}`,
      );
      expect(second.body.page).toHaveLength(201);
      expect(second.body.nextCursor).toBeNull();
      const ids = new Set(
        [...first.body.page, ...second.body.page].map(
          (n: { id: string }) => n.id,
        ),
      );
      expect(ids.size).toBe(1_201);
    });
  });

  describe('POST /flows with bad input', () => {
    it('names the bad node by its path and stores nothing', async () => {
      const res = await request(app())
        .post('/flows')
        .send({
          ...noop,
          children: [email, { ...email, payload: { subject: 'x' } }],
        });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: '/children/1/payload/to' }),
      ]);
      const stats = await request(app()).get('/stats');
      for (const type of stats.body.types) {
        expect(Object.values(type.counts).every(n => n === 0)).toBe(true);
      }
    });

    it('answers 400 naming a node whose concurrencyKey is bad, as /enqueue does', async () => {
      const res = await request(app())
        .post('/flows')
        .send({
          ...noop,
          children: [
            { ...noop, concurrencyKey: 'acme' },
            { ...noop, concurrencyKey: 'ac\nme' },
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.invalidRequest');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: '/children/1/concurrencyKey' }),
      ]);
    });

    it('answers 413 naming the limit past the node limit', async () => {
      const res = await request(app({ flowLimits: { maxNodes: 3 } }))
        .post('/flows')
        .send({ ...noop, children: [noop, noop, noop] });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('flow.tooLarge');
      expect(res.body.detail).toContain('FLOW_MAX_NODES');
    });

    it('answers 403 naming a child type the key may not enqueue', async () => {
      const secret = 'producer-secret-producer-secret-0';
      const res = await request(
        app({
          apiKeys: [
            {
              name: 'mailer',
              role: 'producer',
              hash: hashApiKey(secret),
              types: ['email.send'],
            },
          ],
        }),
      )
        .post('/flows')
        .set('authorization', `Bearer ${secret}`)
        .send({ ...email, children: [noop] });
      expect(res.status).toBe(403);
      expect(res.body.detail).toContain('system.noop');
    });
  });

  describe('POST /flows with an Idempotency-Key', () => {
    it('stores the flow once and answers a repeat with the same flow', async () => {
      const body = { ...noop, children: [noop, noop] };
      const first = await request(app())
        .post('/flows')
        .set('Idempotency-Key', 'flow-key-1')
        .send(body);
      const again = await request(app())
        .post('/flows')
        .set('Idempotency-Key', 'flow-key-1')
        .send(body);
      expect(first.status).toBe(202);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const conflict = await request(app())
        .post('/flows')
        .set('Idempotency-Key', 'flow-key-1')
        .send({ ...noop, children: [noop] });
      expect(conflict.status).toBe(409);
    });
  });

  describe('DELETE /flows/:id', () => {
    it('cancels every node that has not ended, parents first', async () => {
      const res = await request(app())
        .post('/flows')
        .send({
          ...noop,
          children: [{ ...noop, children: [noop, noop] }, noop],
        });
      const cancel = await request(app()).delete(`/flows/${res.body.id}`);
      expect(cancel.status).toBe(202);
      expect(cancel.body).toEqual({ cancelled: 5, requested: 0, ended: 0 });
      for (const node of res.body.nodes) {
        const job = await request(app()).get(`/jobs/${node.id}`);
        expect(job.body.status).toBe('cancelled');
      }
    });
  });
});
