import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { closeJobEvents } from '@errand/queue-core';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp, type AppDependencies } from '../app';
import type { ApiKey } from '../auth/api-key';
import { hashApiKey } from '../auth/find-api-key';
import {
  openEventStream,
  type EventStream,
} from '../testing/event-stream-client';

const ADMIN = 'errand_admin-key-for-the-stream-limit-tests-1';
const SHOP = 'errand_shop-key-for-the-stream-limit-tests-01';
const CRM = 'errand_crm-key-for-the-stream-limit-tests-001';

const keys: ApiKey[] = [
  { name: 'ops', role: 'admin', hash: hashApiKey(ADMIN) },
  { name: 'shop', role: 'producer', hash: hashApiKey(SHOP) },
  { name: 'crm', role: 'producer', hash: hashApiKey(CRM) },
];
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

describe('GET /jobs/:id/events', () => {
  // Declared out here, so that its afterEach (which closes the queues) runs
  // after the one below, which closes the streams and the event readers.
  const fixture = useQueueFixture();
  describe('has limits', () => {
    let server: Server | undefined;
    let base: string;
    const streams: EventStream[] = [];

    async function listen(eventStreams: AppDependencies['eventStreams']) {
      const app = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: keys,
        eventStreams,
      });
      server = app.listen(0);
      await once(server, 'listening');
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }

    afterEach(async () => {
      // As main.ts stops: the readers first (awaited), then the streams.
      await closeJobEvents(fixture.queues);
      for (const stream of streams.splice(0)) stream.close();
      server?.closeAllConnections();
      await new Promise(resolve => server?.close(resolve));
    });

    /** A job that stays queued (no worker runs here), owned by `key`. */
    async function queuedJob(key: string): Promise<string> {
      const res = await fetch(`${base}/enqueue`, {
        method: 'POST',
        headers: { ...bearer(key), 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'system.sleep', payload: { ms: 1 } }),
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: string }).id;
    }

    async function open(
      key: string,
      id: string,
      headers: Record<string, string> = {},
    ): Promise<EventStream> {
      const stream = await openEventStream(`${base}/jobs/${id}/events`, {
        ...bearer(key),
        ...headers,
      });
      streams.push(stream);
      return stream;
    }

    describe('when a key holds its cap of open streams', () => {
      beforeEach(() => listen({ perKey: 2, perProcess: 3 }));

      it('answers 429 with Retry-After, and other keys still get theirs', async () => {
        const id = await queuedJob(SHOP);
        const first = await open(SHOP, id);
        const second = await open(SHOP, id);

        const third = await open(SHOP, id);
        const crm = await open(CRM, await queuedJob(CRM));

        expect([first.status, second.status, crm.status]).toEqual([
          200, 200, 200,
        ]);
        expect(third.status).toBe(429);
        expect(third.headers.get('content-type')).toMatch(
          'application/problem+json',
        );
        expect(third.problem).toMatchObject({
          code: 'request.rateLimited',
          detail: expect.stringContaining('2 open event streams per key'),
        });
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(
          1,
        );
      });

      it('answers 429 past the cap of the process, whatever the key', async () => {
        const shopJob = await queuedJob(SHOP);
        await open(SHOP, shopJob);
        await open(SHOP, shopJob);
        await open(CRM, await queuedJob(CRM));

        const admin = await open(ADMIN, shopJob);

        expect(admin.status).toBe(429);
        expect(admin.problem).toMatchObject({
          code: 'request.rateLimited',
          detail: expect.stringContaining('3 open event streams'),
        });
        expect(Number(admin.headers.get('retry-after'))).toBeGreaterThanOrEqual(
          1,
        );
      });

      it('frees the slot of a stream the client closed', async () => {
        const id = await queuedJob(SHOP);
        const first = await open(SHOP, id);
        await open(SHOP, id);
        expect((await open(SHOP, id)).status).toBe(429);

        first.close();

        // The server hears of the close a moment later: ask until it has.
        const again = await waitFor(
          () => open(SHOP, id),
          stream => stream.status === 200,
          10_000,
        );
        expect(await again.nth(1)).toMatchObject({ event: 'status' });
      });

      it('holds no slot for a refused request', async () => {
        for (let i = 0; i < 3; i++) {
          expect((await open(SHOP, randomUUID())).status).toBe(404);
        }

        const id = await queuedJob(SHOP);
        const answers = [await open(SHOP, id), await open(SHOP, id)];

        expect(answers.map(stream => stream.status)).toEqual([200, 200]);
      });
    });

    describe('when a stream reaches its lifetime', () => {
      beforeEach(() => listen({ maxLifetimeMs: 300, perKey: 1 }));

      it('asks the client to reconnect (retry:) and ends without event: end', async () => {
        const stream = await open(SHOP, await queuedJob(SHOP));

        await stream.ended;

        expect(stream.events.map(e => e.event)).toEqual(['status']);
        expect(stream.retries).toHaveLength(1);
        expect(stream.retries[0]).toBeGreaterThan(0);
      });

      it('frees its slot', async () => {
        const id = await queuedJob(SHOP);
        const first = await open(SHOP, id);
        await first.ended;

        const again = await waitFor(
          () => open(SHOP, id),
          stream => stream.status === 200,
          10_000,
        );
        expect(again.status).toBe(200);
      });
    });

    describe('when the client reconnects with Last-Event-ID', () => {
      beforeEach(() => listen({ maxLifetimeMs: 300 }));

      it('gives every status event an id', async () => {
        const stream = await open(SHOP, await queuedJob(SHOP));

        expect((await stream.nth(1)).id).toMatch(/^[\w-]{8,}$/);
      });

      it('does not send again the view it already has', async () => {
        const id = await queuedJob(SHOP);
        const first = await open(SHOP, id);
        const seen = (await first.nth(1)).id as string;
        await first.ended;

        const again = await open(SHOP, id, { 'Last-Event-ID': seen });
        await again.ended;

        expect(again.status).toBe(200);
        expect(again.events).toEqual([]);
        expect(again.retries).toHaveLength(1);
      });

      it('sends the view as it stands when the id is not the latest', async () => {
        const id = await queuedJob(SHOP);
        const first = await open(SHOP, id);
        const seen = (await first.nth(1)).id as string;
        await first.ended;

        const stale = await open(SHOP, id, { 'Last-Event-ID': `${seen}x` });

        expect(await stale.nth(1)).toMatchObject({
          event: 'status',
          id: seen,
          data: { id, status: 'queued' },
        });
      });
    });
  });
});
