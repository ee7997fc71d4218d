import request from 'supertest';
import {
  countRedisCommands,
  testHandlers,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { getJobView, setJobTypeLimits } from '@errand/queue-core';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';

// Every status poll a client makes is one of these reads: it asks the job's
// own queue once, never every type's (issue 16, rule 7). A job with children
// pays for them (its state and their counts); the others pay nothing.
const MAX_COMMANDS = 8;

describe('GET /jobs/:id, counted in Redis commands', () => {
  const fixture = useQueueFixture();
  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  async function enqueue(body: object): Promise<string> {
    const res = await request(app()).post('/enqueue').send(body);
    expect(res.status).toBe(202);
    return res.body.id;
  }

  async function commandsToRead(id: string, status: string): Promise<number> {
    // Built first: the count is the request's, not the app's start-up.
    const api = app();
    let body: { status?: string } = {};
    const commands = await countRedisCommands(fixture.server.url, async () => {
      const res = await request(api).get(`/jobs/${id}`);
      expect(res.status).toBe(200);
      body = res.body;
    });
    expect(body.status).toBe(status);
    return commands;
  }

  it(`reads a queued job in at most ${MAX_COMMANDS}`, async () => {
    const id = await enqueue({ type: 'system.noop', payload: {} });

    expect(await commandsToRead(id, 'queued')).toBeLessThanOrEqual(
      MAX_COMMANDS,
    );
  });

  it(`reads a job its key holds, and why, in at most ${MAX_COMMANDS} + 3`, async () => {
    await setJobTypeLimits(fixture.queues, 'system.noop', {
      rateLimit: null,
      maxConcurrent: null,
      perKeyConcurrency: 1,
    });
    const keyed = { type: 'system.noop', payload: {}, concurrencyKey: 'acme' };
    await enqueue(keyed);
    const id = await enqueue(keyed);

    const api = app();
    let body: { status?: string; heldBy?: unknown } = {};
    const commands = await countRedisCommands(fixture.server.url, async () => {
      body = (await request(api).get(`/jobs/${id}`)).body;
    });

    expect(body.status).toBe('scheduled');
    expect(body.heldBy).toMatchObject({ reason: 'key.held', key: 'acme' });
    expect(commands).toBeLessThanOrEqual(MAX_COMMANDS + 3);
  });

  it(`reads a dead job in at most ${MAX_COMMANDS}`, async () => {
    const id = await enqueue({
      type: 'system.fail',
      payload: { permanent: true, message: 'boom' },
    });
    const consumer = fixture.startConsumer({
      types: ['system.fail'],
      concurrency: 1,
      handlers: testHandlers(),
    });
    await waitFor(
      () => getJobView(fixture.queues, id),
      view => view.status === 'dead',
    );
    // Closed first: its polling would be counted with the read.
    await consumer.close(1_000);

    expect(await commandsToRead(id, 'dead')).toBeLessThanOrEqual(MAX_COMMANDS);
  });

  describe('for a producer key, which reads only its own jobs', () => {
    const KEY = 'errand_producer-key-for-tests-0123456789abcd';
    const keyed = () =>
      createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: [{ name: 'shop', role: 'producer', hash: hashApiKey(KEY) }],
      });

    it(`checks the owner and reads the job in at most ${MAX_COMMANDS}`, async () => {
      const auth = { Authorization: `Bearer ${KEY}` };
      const enqueued = await request(keyed())
        .post('/enqueue')
        .set(auth)
        .send({ type: 'system.noop', payload: {} });
      expect(enqueued.status).toBe(202);
      const api = keyed();
      let status = 0;

      const commands = await countRedisCommands(
        fixture.server.url,
        async () => {
          status = (
            await request(api).get(`/jobs/${enqueued.body.id}`).set(auth)
          ).status;
        },
      );

      expect(status).toBe(200);
      expect(commands).toBeLessThanOrEqual(MAX_COMMANDS);
    });
  });
});
