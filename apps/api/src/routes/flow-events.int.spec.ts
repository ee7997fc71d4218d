import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  completed,
  jobTypes,
  parseFlowRequest,
  waitForChildren,
} from '@errand/contracts';
import { enqueueFlow } from '@errand/queue-core';
import { testHandlers, useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { openEventStream } from '../testing/event-stream-client';

/** Generous for a loaded machine; a healthy run takes about a second. */
const ENDS_WITHIN_MS = 15_000;

describe('GET /flows/:id/events', () => {
  const fixture = useQueueFixture();
  let server: Server;
  let base: string;

  beforeEach(async () => {
    server = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
    }).listen(0);
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it("streams every node's status changes, then one end event", async () => {
    const flow = await enqueueFlow(
      fixture.queues,
      parseFlowRequest({
        type: 'system.noop',
        payload: {},
        children: [
          { type: 'system.sleep', payload: { ms: 300 } },
          { type: 'system.sleep', payload: { ms: 100 } },
        ],
      }),
    );
    const stream = await openEventStream(`${base}/flows/${flow.id}/events`);
    expect(stream.status).toBe(200);
    await stream.nth(3); // the walk: every node as it stands
    fixture.startConsumer({
      types: jobTypes,
      concurrency: 2,
      handlers: testHandlers(),
    });

    await Promise.race([
      stream.ended,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no end')), ENDS_WITHIN_MS),
      ),
    ]);

    const nodes = stream.events.filter(e => e.event === 'node');
    const statusesOf = (id: string) =>
      nodes
        .map(e => e.data as { id: string; status: string })
        .filter(d => d.id === id)
        .map(d => d.status);
    expect(statusesOf(flow.id)[0]).toBe('waiting');
    expect(statusesOf(flow.id).at(-1)).toBe('succeeded');
    for (const child of flow.nodes.slice(1)) {
      expect(statusesOf(child.id)[0]).toBe('queued');
      expect(statusesOf(child.id).at(-1)).toBe('succeeded');
    }
    expect(stream.events.at(-1)).toEqual({
      event: 'end',
      data: { id: flow.id, status: 'succeeded', counts: { succeeded: 3 } },
    });
  });

  // 1 s: the stream sees the parent wait. 0 ms: the wait can begin and
  // end between two reads of the parent, and its children must be
  // reported all the same, when it ends.
  it.each([1_000, 0])(
    'reports the children a handler adds with waitForChildren (children sleep %i ms)',
    async childMs => {
      const flow = await enqueueFlow(
        fixture.queues,
        parseFlowRequest({ type: 'system.noop', payload: {} }),
      );
      const stream = await openEventStream(`${base}/flows/${flow.id}/events`);
      await stream.nth(1);
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 2,
        handlers: testHandlers({
          'system.noop': async (_payload, context) =>
            context.pass === 1
              ? waitForChildren([
                  { type: 'system.sleep', payload: { ms: childMs } },
                  { type: 'system.sleep', payload: { ms: childMs } },
                ])
              : completed({}),
        }),
      });

      await Promise.race([
        stream.ended,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no end')), ENDS_WITHIN_MS),
        ),
      ]);

      const children = new Set(
        stream.events
          .filter(e => e.event === 'node')
          .map(e => e.data as { id: string; parentId: string | null })
          .filter(d => d.parentId === flow.id)
          .map(d => d.id),
      );
      expect(children.size).toBe(2);
      expect(stream.events.at(-1)).toEqual({
        event: 'end',
        data: { id: flow.id, status: 'succeeded', counts: { succeeded: 3 } },
      });
    },
  );

  it('answers 404 for an unknown flow, before any event', async () => {
    const stream = await openEventStream(
      `${base}/flows/00000000-0000-4000-8000-000000000000/events`,
    );
    expect(stream.status).toBe(404);
    expect(stream.problem?.code).toBe('job.notFound');
  });
});
