import request from 'supertest';
import { Value } from '@sinclair/typebox/value';
import { TypeStatsList } from '@errand/contracts';
import { enqueueJob, getJobView } from '@errand/queue-core';
import {
  testHandlers,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

describe('GET /stats', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  it('answers every type with counts, throughput and waiting age', async () => {
    const done = await enqueueJob(fixture.queues, {
      type: 'system.noop',
      payload: {},
    });
    const consumer = fixture.startConsumer({
      types: ['system.noop'],
      concurrency: 1,
      handlers: testHandlers(),
    });
    await waitFor(
      () => getJobView(fixture.queues, done.id),
      view => view.status === 'succeeded',
    );
    await consumer.close(1_000);
    await enqueueJob(fixture.queues, { type: 'system.noop', payload: {} });

    const res = await request(app()).get('/stats');

    expect(res.status).toBe(200);
    expect(Value.Check(TypeStatsList, res.body)).toBe(true);
    const noop = res.body.types.find(
      (t: { type: string }) => t.type === 'system.noop',
    );
    expect(noop).toMatchObject({
      counts: { queued: 1, succeeded: 1 },
      throughput: {
        lastMinute: { finished: 1, failed: 0 },
        lastHour: { finished: 1, failed: 0 },
      },
      completionRate: 1,
      oldestQueuedAgeMs: expect.any(Number),
    });
  });
});
