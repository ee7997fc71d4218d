import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ContractViolationError,
  parseEnqueueBatch,
  parseEnqueueRequest,
  parseFlowRequest,
  type CallbackEvent,
} from '@errand/contracts';
import {
  cancelJob,
  enqueueBatch,
  enqueueFlow,
  enqueueJob,
  getJobView,
  type JobStore,
} from '@errand/queue-core';
import {
  TEST_CALLBACK_SECRET as SECRET,
  useCallbackStore,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger, loadConfig } from '@errand/runtime';
import { HandlerConfig } from '../config';
import { createHandlers } from '../handlers/create-handlers';
import { servedTypes } from '../served-types';

/** A loaded machine may take a while; an idle one takes milliseconds. */
const ARRIVES_WITHIN_MS = 15_000;

/** What the receiver saw of one POST. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The receiver's check, as docs/http-api.md ("Callbacks") describes it. */
function signatureHolds({ headers, body }: Received): boolean {
  const header = String(headers['errand-signature']);
  const { t, v1 } = Object.fromEntries(
    header.split(',').map(part => part.split('=') as [string, string]),
  );
  const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// A job with a callback, run by the real consumer and the real
// webhook.deliver handler, ends; a real local receiver gets the signed
// event. The receiver is named by host (localhost) and allowlisted, as the
// SSRF guard lets tests reach loopback.
describe('callbacks to the producer', () => {
  const fixture = useQueueFixture();
  const callbackStore = useCallbackStore(fixture);
  let receiver: Server;
  let received: Received[];
  let store: JobStore;
  let url: string;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', chunk => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.end('ok');
      });
    });
    await new Promise<void>(done => receiver.listen(0, '127.0.0.1', done));
    url = `http://localhost:${(receiver.address() as AddressInfo).port}/cb`;
  });
  afterAll(() => {
    receiver.closeAllConnections();
    return new Promise(done => receiver.close(done));
  });

  beforeEach(() => {
    received = [];
    store = callbackStore();
    const config = loadConfig(HandlerConfig, {
      OUTBOUND_ALLOWLIST: '127.0.0.1,::1',
      OUTBOUND_ALLOWED_PORTS: '1024-65535', // the receiver's ephemeral port
    });
    fixture.startConsumer({
      types: servedTypes(undefined),
      concurrency: 2,
      handlers: createHandlers(createSilentLogger(), config),
      callbackSecret: SECRET,
    });
  });

  /** The events received for job `id`, once `count` of them are in. */
  async function eventsFor(id: string, count = 1): Promise<Received[]> {
    return waitFor(
      async () =>
        received.filter(
          one => (JSON.parse(one.body) as CallbackEvent).jobId === id,
        ),
      events => events.length >= count,
      ARRIVES_WITHIN_MS,
    );
  }

  const enqueue = (request: object) =>
    enqueueJob(store, parseEnqueueRequest({ ...request, callback: { url } }));

  describe('when the job succeeds', () => {
    it('posts a signed event with its view and final status, once', async () => {
      const { id } = await enqueue({ type: 'system.noop', payload: {} });

      const [event] = await eventsFor(id);
      expect(signatureHolds(event)).toBe(true);
      const body = JSON.parse(event.body) as CallbackEvent;
      expect(body).toMatchObject({
        event: 'job.ended',
        jobId: id,
        status: 'succeeded',
        job: {
          id,
          type: 'system.noop',
          status: 'succeeded',
          attempts: { made: 1 },
          callback: { url },
        },
      });
      expect(body.job.finishedAt).not.toBeNull();
      expect(body.job).not.toHaveProperty('timeline');

      // The job's view names the delivery job and how it stands.
      const view = await waitFor(
        () => getJobView(store, id),
        one => one.callback?.deliveryStatus === 'succeeded',
        ARRIVES_WITHIN_MS,
      );
      expect(event.headers['errand-delivery-id']).toBe(
        view.callback?.deliveryJobId,
      );
      const delivery = await getJobView(
        store,
        view.callback?.deliveryJobId ?? '',
      );
      expect(delivery).toMatchObject({
        type: 'webhook.deliver',
        status: 'succeeded',
        payload: { url, secret: '[redacted]' },
      });
      expect(received).toHaveLength(1);
    });

    it('says none for the delivery while the job has not ended', async () => {
      const { id } = await enqueue({
        type: 'system.noop',
        payload: {},
        delay: 60_000,
      });

      const view = await getJobView(store, id);
      expect(view.callback).toEqual({
        url,
        deliveryJobId: expect.any(String),
        deliveryStatus: 'none',
      });
    });
  });

  describe('when the job dies', () => {
    it('posts its dead view with the last error, without a stack', async () => {
      const { id } = await enqueue({
        type: 'system.fail',
        payload: {},
        retries: 0,
      });

      const [event] = await eventsFor(id);
      expect(signatureHolds(event)).toBe(true);
      const body = JSON.parse(event.body) as CallbackEvent;
      expect(body).toMatchObject({
        status: 'dead',
        job: { status: 'dead', lastError: { stack: null } },
      });
      expect(body.job.lastError?.message).toEqual(expect.any(String));
    });
  });

  describe('when the job is cancelled', () => {
    it('posts the cancelled view of a job cancelled before it ran', async () => {
      const { id } = await enqueue({
        type: 'system.noop',
        payload: {},
        delay: 60_000,
      });

      await cancelJob(store, id, 'spec');

      const [event] = await eventsFor(id);
      expect(signatureHolds(event)).toBe(true);
      expect(JSON.parse(event.body)).toMatchObject({
        status: 'cancelled',
        job: { id, status: 'cancelled' },
      });
      const view = await waitFor(
        () => getJobView(store, id),
        one => one.callback?.deliveryStatus === 'succeeded',
        ARRIVES_WITHIN_MS,
      );
      expect(view.status).toBe('cancelled');
    });

    it('posts the cancelled view of a job cancelled while it ran', async () => {
      const { id } = await enqueue({
        type: 'system.sleep',
        payload: { ms: 60_000 },
      });
      await waitFor(
        () => getJobView(store, id),
        view => view.status === 'running',
        ARRIVES_WITHIN_MS,
      );

      const { outcome } = await cancelJob(store, id, 'spec');

      expect(outcome).toBe('requested');
      const [event] = await eventsFor(id);
      expect(JSON.parse(event.body)).toMatchObject({
        status: 'cancelled',
        job: { id, status: 'cancelled' },
      });
    });
  });

  describe('when the payload has sensitive fields', () => {
    it('redacts them in the event', async () => {
      const { id } = await enqueue({
        type: 'webhook.deliver',
        payload: {
          url: `${url}/inner`,
          body: { hello: 'world' },
          secret: 'whsec_do_not_leak_0123',
        },
      });

      const [event] = await eventsFor(id);
      expect(JSON.parse(event.body)).toMatchObject({
        status: 'succeeded',
        job: { payload: { secret: '[redacted]' } },
      });
      expect(event.body).not.toContain('whsec_do_not_leak_0123');
    });
  });

  describe('in a batch', () => {
    it('posts one event per item that asked for one', async () => {
      const accepted = await enqueueBatch(
        store,
        parseEnqueueBatch({
          jobs: [
            { type: 'system.noop', payload: {}, callback: { url } },
            { type: 'system.noop', payload: {} },
            {
              type: 'system.fail',
              payload: {},
              retries: 0,
              callback: { url },
            },
          ],
        }),
      );

      const [first] = await eventsFor(accepted[0].id);
      const [third] = await eventsFor(accepted[2].id);
      expect(JSON.parse(first.body)).toMatchObject({ status: 'succeeded' });
      expect(JSON.parse(third.body)).toMatchObject({ status: 'dead' });
      const second = await getJobView(store, accepted[1].id);
      expect(second.callback).toBeUndefined();
    });

    it('names the item whose callback URL the guard refuses', () => {
      const bad = () =>
        parseEnqueueBatch({
          jobs: [
            { type: 'system.noop', payload: {} },
            {
              type: 'system.noop',
              payload: {},
              callback: { url: 'http://169.254.169.254/latest' },
            },
          ],
        });

      expect(bad).toThrow(ContractViolationError);
      expect(() => bad()).toThrow(
        expect.objectContaining({
          issues: [expect.objectContaining({ path: '/jobs/1/callback/url' })],
        }),
      );
    });
  });

  describe('on a flow', () => {
    /** A system.noop root with a callback, over a noop and a failing child. */
    const flowFailingOne = (policy: object) =>
      enqueueFlow(
        store,
        parseFlowRequest({
          type: 'system.noop',
          payload: {},
          callback: { url },
          children: [
            { type: 'system.noop', payload: {} },
            { type: 'system.fail', payload: {}, retries: 0, ...policy },
          ],
        }),
      );

    it("posts the root's ending with its children's counts", async () => {
      const { id } = await flowFailingOne({ onFailure: 'ignore' });

      const [event] = await eventsFor(id);
      expect(signatureHolds(event)).toBe(true);
      expect(JSON.parse(event.body)).toMatchObject({
        status: 'succeeded',
        job: {
          id,
          status: 'succeeded',
          children: { total: 2, counts: { succeeded: 1, dead: 1 } },
        },
      });
      expect(received).toHaveLength(1);
    });

    it('posts the root dead when a child fails it', async () => {
      const { id } = await flowFailingOne({});

      const [event] = await eventsFor(id);
      expect(signatureHolds(event)).toBe(true);
      expect(JSON.parse(event.body)).toMatchObject({
        status: 'dead',
        job: { id, status: 'dead', lastError: { message: expect.any(String) } },
      });
    });

    it('refuses a node whose callback URL the guard refuses, naming it', () => {
      expect(() =>
        parseFlowRequest({
          type: 'system.noop',
          payload: {},
          children: [
            {
              type: 'system.noop',
              payload: {},
              callback: { url: 'http://127.0.0.1/cb' },
            },
          ],
        }),
      ).toThrow(
        expect.objectContaining({
          issues: [
            expect.objectContaining({ path: '/children/0/callback/url' }),
          ],
        }),
      );
    });
  });
});
