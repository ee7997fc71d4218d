import { completed } from '@errand/contracts';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { enqueueJob, getJobView, JobStore } from '@errand/queue-core';
import {
  testHandlers,
  uniquePrefix,
  useQueueFixture,
  waitFor,
  jobEventHubOf,
} from '@errand/queue-core/testing';
import { findFreePort, startRedisServer } from '@errand/local-redis';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

/** One Server-Sent Event as the client reads it. */
interface SseEvent {
  event: string;
  data: unknown;
}

/** An open event stream: its answer and the events read so far. */
interface Stream {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Resolves once `count` events have arrived. */
  nth(count: number): Promise<SseEvent>;
  close(): void;
}

async function openStream(url: string): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters: { count: number; resolve: (e: SseEvent) => void }[] = [];
  const ended = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter(l => !l.startsWith(':'));
          if (lines.length === 0) continue;
          const field = (name: string) =>
            lines.find(l => l.startsWith(`${name}: `))?.slice(name.length + 2);
          events.push({
            event: field('event') ?? 'message',
            data: JSON.parse(field('data') ?? 'null'),
          });
          for (const w of waiters.filter(w => events.length >= w.count)) {
            w.resolve(events[w.count - 1]);
          }
        }
      }
    } catch {
      // Aborted by the test.
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    ended,
    nth: count =>
      events.length >= count
        ? Promise.resolve(events[count - 1])
        : new Promise(resolve => waiters.push({ count, resolve })),
    close: () => abort.abort(),
  };
}

const statusesOf = (events: SseEvent[]) =>
  events
    .filter(e => e.event === 'status')
    .map(e => (e.data as { status: string }).status)
    .filter((status, i, all) => i === 0 || all[i - 1] !== status);

describe('GET /jobs/:id/events', () => {
  const fixture = useQueueFixture();
  let server: Server;
  let base: string;

  async function listen(queues: JobStore): Promise<string> {
    server = createApp({ queues, logger: createSilentLogger() }).listen(0);
    await once(server, 'listening');
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeEach(async () => {
    base = await listen(fixture.queues);
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const sleepJob = (ms: number) =>
    enqueueJob(fixture.queues, { type: 'system.sleep', payload: { ms } });

  describe('when a worker runs the job', () => {
    it('streams queued, running and succeeded in order, then ends', async () => {
      const { id } = await sleepJob(300);
      const stream = await openStream(`${base}/jobs/${id}/events`);
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      expect(await stream.nth(1)).toMatchObject({
        event: 'status',
        data: { id, status: 'queued' },
      });

      fixture.startConsumer({
        types: ['system.sleep'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      await stream.ended;

      expect(statusesOf(stream.events)).toEqual([
        'queued',
        'running',
        'succeeded',
      ]);
      expect(stream.events.at(-2)).toMatchObject({
        event: 'status',
        data: { status: 'succeeded', result: { sleptMs: 300 } },
      });
      expect(stream.events.at(-1)).toEqual({
        event: 'end',
        data: { id, status: 'succeeded' },
      });
    });

    it('streams each progress report', async () => {
      const { id } = await sleepJob(1);
      const stream = await openStream(`${base}/jobs/${id}/events`);
      await stream.nth(1);

      fixture.startConsumer({
        types: ['system.sleep'],
        concurrency: 1,
        handlers: testHandlers({
          'system.sleep': async (_payload, context) => {
            await sleep(100);
            await context.reportProgress(50, 'half way');
            await sleep(200);
            return completed({ sleptMs: 300 });
          },
        }),
      });
      await stream.ended;

      const progress = stream.events
        .filter(e => e.event === 'status')
        .map(e => (e.data as { progress: unknown }).progress);
      expect(progress).toContainEqual({ percent: 50, message: 'half way' });
      expect(stream.events.at(-1)?.event).toBe('end');
    });
  });

  describe('when the job is cancelled while waiting', () => {
    it('streams cancelled, then ends', async () => {
      const { id } = await sleepJob(1);
      const stream = await openStream(`${base}/jobs/${id}/events`);
      await stream.nth(1);

      const cancel = await fetch(`${base}/jobs/${id}`, { method: 'DELETE' });
      expect(cancel.status).toBe(200);
      await stream.ended;

      expect(statusesOf(stream.events)).toEqual(['queued', 'cancelled']);
      expect(stream.events.at(-1)).toEqual({
        event: 'end',
        data: { id, status: 'cancelled' },
      });
    });
  });

  describe('when the job has already finished', () => {
    it('sends the final state once, then ends', async () => {
      const { id } = await sleepJob(1);
      fixture.startConsumer({
        types: ['system.sleep'],
        concurrency: 1,
        handlers: testHandlers(),
      });
      await waitFor(
        () => getJobView(fixture.queues, id),
        view => view.status === 'succeeded',
      );

      const stream = await openStream(`${base}/jobs/${id}/events`);
      await stream.ended;

      expect(stream.events.map(e => e.event)).toEqual(['status', 'end']);
      expect(stream.events[0].data).toMatchObject({ id, status: 'succeeded' });
    });
  });

  describe('when no job has the id', () => {
    it('answers 404 job.notFound before streaming', async () => {
      const res = await fetch(`${base}/jobs/${randomUUID()}/events`);

      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(
        /^application\/problem\+json/,
      );
      expect(((await res.json()) as { code: string }).code).toBe(
        'job.notFound',
      );
    });
  });

  describe('when the client goes away', () => {
    it('stops watching and closes the shared event reader', async () => {
      const { id } = await sleepJob(1);
      const hub = jobEventHubOf(fixture.queues);
      const first = await openStream(`${base}/jobs/${id}/events`);
      const second = await openStream(`${base}/jobs/${id}/events`);
      await Promise.all([first.nth(1), second.nth(1)]);
      await waitFor(
        async () => hub.watcherCount(),
        count => count === 2,
      );
      expect(hub.readerCount()).toBe(1);

      first.close();
      second.close();

      await waitFor(
        async () => [hub.watcherCount(), hub.readerCount()],
        ([watchers, readers]) => watchers === 0 && readers === 0,
      );
    });
  });

  describe('when Redis is down before the stream opens', () => {
    it('answers 503 queue.unavailable', async () => {
      const port = await findFreePort();
      const down = new JobStore({ redisUrl: `redis://127.0.0.1:${port}` });
      const downBase = await (async () => {
        const app = createApp({ queues: down, logger: createSilentLogger() });
        const s = app.listen(0);
        await once(s, 'listening');
        return {
          s,
          url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
        };
      })();
      try {
        const res = await fetch(`${downBase.url}/jobs/${randomUUID()}/events`);

        expect(res.status).toBe(503);
        expect(((await res.json()) as { code: string }).code).toBe(
          'queue.unavailable',
        );
      } finally {
        await new Promise(resolve => downBase.s.close(resolve));
        await down.close();
      }
    });
  });

  describe('when Redis goes away while streaming', () => {
    it('sends event: error and closes the stream', async () => {
      const redis = await startRedisServer();
      const queues = new JobStore({
        redisUrl: redis.url,
        prefix: uniquePrefix(),
      });
      const url = await (async () => {
        server.closeAllConnections();
        await new Promise(resolve => server.close(resolve));
        return listen(queues);
      })();
      try {
        const { id } = await enqueueJob(queues, {
          type: 'system.sleep',
          payload: { ms: 1 },
        });
        const stream = await openStream(`${url}/jobs/${id}/events`);
        await stream.nth(1);
        await waitFor(
          async () => jobEventHubOf(queues).readerCount(),
          count => count === 1,
        );

        await redis.stop();
        await stream.ended;

        expect(stream.events.at(-1)).toMatchObject({
          event: 'error',
          data: { status: 503, code: 'queue.unavailable' },
        });
      } finally {
        await queues.close();
        await redis.stop().catch(() => undefined);
      }
    });
  });
});
