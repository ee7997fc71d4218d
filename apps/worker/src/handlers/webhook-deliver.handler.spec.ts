import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type ServerResponse,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { testJobContext } from '@errand/queue-core/testing';
import { createOutboundPolicy } from './outbound/outbound-policy';
import { webhookDeliverHandler } from './webhook-deliver.handler';

const SECRET = 'whsec_test_0123456789';

/** What the receiver saw of one request. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The receiver side, as docs/job-types.md tells receivers to verify. */
function verifySignature(header: string, body: string, secret: string) {
  const { t, v1 } = Object.fromEntries(
    header.split(',').map(part => part.split('=') as [string, string]),
  );
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhookDeliverHandler', () => {
  let server: Server;
  let base: string;
  let received: Received[];
  let answer: (response: ServerResponse) => void;
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        });
        answer(response);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise(resolve => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answer = response => response.end('ok');
  });

  // The receiver runs on loopback, so the worker's allowlist names it, and
  // on an ephemeral port, which the allowed ports must cover.
  const deliver = webhookDeliverHandler(
    createOutboundPolicy('127.0.0.1', '1024-65535'),
  );
  const payload = (overrides: object = {}) => ({
    url: `${base}/hooks`,
    body: { event: 'order.paid', orderId: 'o_1' },
    secret: SECRET,
    ...overrides,
  });

  describe('when the receiver answers 2xx', () => {
    it('posts the JSON body, signed, with the delivery id', async () => {
      const before = Math.floor(Date.now() / 1_000);
      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver', { jobId: 'job-9' }),
      );

      expect(outcome).toEqual({
        kind: 'completed',
        result: { status: 200, deliveryId: 'job-9', excerpt: 'ok' },
      });
      const [request] = received;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/hooks');
      expect(JSON.parse(request.body)).toEqual({
        event: 'order.paid',
        orderId: 'o_1',
      });
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['errand-delivery-id']).toBe('job-9');
      const timestamp = Number(request.headers['errand-timestamp']);
      expect(timestamp).toBeGreaterThanOrEqual(before);
      const signature = request.headers['errand-signature'] as string;
      expect(signature).toMatch(new RegExp(`^t=${timestamp},v1=[0-9a-f]{64}$`));
      expect(verifySignature(signature, request.body, SECRET)).toBe(true);
      expect(verifySignature(signature, request.body, 'another secret')).toBe(
        false,
      );
      expect(
        verifySignature(signature, request.body.replace('o_1', 'o_2'), SECRET),
      ).toBe(false);
    });

    it('uses the given method and headers, but not framing headers', async () => {
      await deliver(
        payload({
          method: 'PUT',
          headers: {
            'X-Tenant': 't1',
            Host: 'evil.example',
            'Content-Length': '1',
          },
        }),
        testJobContext('webhook.deliver'),
      );

      const [request] = received;
      expect(request.method).toBe('PUT');
      expect(request.headers['x-tenant']).toBe('t1');
      expect(request.headers.host).toBe(new URL(base).host);
      expect(JSON.parse(request.body)).toEqual(payload().body);
    });

    it("sends the attempt's traceparent, so the trace continues in the receiver", async () => {
      const traceparent =
        '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

      await deliver(
        payload(),
        testJobContext('webhook.deliver', { traceparent }),
      );
      await deliver(payload(), testJobContext('webhook.deliver'));

      expect(received[0].headers['traceparent']).toBe(traceparent);
      expect(received[1].headers).not.toHaveProperty('traceparent');
    });

    it('keeps a bounded excerpt of a long answer', async () => {
      answer = response => response.end('y'.repeat(500_000));

      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toMatchObject({
        kind: 'completed',
        result: { excerpt: 'y'.repeat(1_024) },
      });
    });
  });

  describe('when the receiver fails for now', () => {
    it.each([408, 429, 500, 502, 503])('retries a %i', async status => {
      answer = response => {
        response.statusCode = status;
        response.end('try later');
      };

      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toEqual({
        kind: 'retry',
        reason: `receiver answered ${status}: try later`,
      });
    });

    it('pauses the type as long as a 503 Retry-After asks, in seconds', async () => {
      answer = response => {
        response.writeHead(503, { 'Retry-After': '120' });
        response.end();
      };

      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toMatchObject({
        kind: 'rateLimited',
        retryAfterMs: 120_000,
      });
    });

    it('snoozes a 502 as long as its Retry-After asks', async () => {
      answer = response => {
        response.writeHead(502, { 'Retry-After': '120' });
        response.end();
      };

      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toMatchObject({ kind: 'snooze', delayMs: 120_000 });
    });

    it('pauses the type until a 429 Retry-After date', async () => {
      const at = new Date(Date.now() + 600_000).toUTCString();
      answer = response => {
        response.writeHead(429, { 'Retry-After': at });
        response.end();
      };

      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome.kind).toBe('rateLimited');
      const { retryAfterMs } = outcome as { retryAfterMs: number };
      expect(retryAfterMs).toBeGreaterThan(590_000);
      expect(retryAfterMs).toBeLessThanOrEqual(600_000);
    });

    it('lets a network error throw, which retries', async () => {
      const closed = createServer();
      await new Promise<void>(resolve =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      const { port } = closed.address() as AddressInfo;
      await new Promise(resolve => closed.close(resolve));

      await expect(
        deliver(
          payload({ url: `http://127.0.0.1:${port}/` }),
          testJobContext('webhook.deliver'),
        ),
      ).rejects.toThrow(/ECONNREFUSED/);
    });

    it('gives up on a receiver slower than timeoutMs, which retries', async () => {
      answer = () => undefined; // never answers

      await expect(
        deliver(payload({ timeoutMs: 200 }), testJobContext('webhook.deliver')),
      ).rejects.toThrow(/timeout|aborted/i);
    });

    it('stops when the job is aborted', async () => {
      answer = () => undefined;
      const controller = new AbortController();
      const delivery = deliver(
        payload(),
        testJobContext('webhook.deliver', { signal: controller.signal }),
      );
      controller.abort(new Error('worker shutting down'));

      await expect(delivery).rejects.toThrow('worker shutting down');
    });
  });

  describe('when the receiver refuses the delivery', () => {
    it.each([400, 401, 404, 410, 422])('discards a %i', async status => {
      answer = response => {
        response.statusCode = status;
        response.end('no');
      };

      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: `receiver answered ${status}: no`,
      });
    });

    it('does not follow a redirect, and discards', async () => {
      answer = response => {
        response.writeHead(307, { Location: `${base}/elsewhere` });
        response.end();
      };

      const outcome = await deliver(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringContaining('redirects are not followed'),
      });
      expect(received.map(r => r.url)).toEqual(['/hooks']);
    });
  });

  describe('when the target is not a public address', () => {
    // Every spelling of an internal address the WHATWG parser accepts, plus
    // a name that resolves inside. This worker has no allowlist: the
    // loopback ones point at the live receiver, so only the guard stops them
    // (its port is allowed: the address alone must be refused).
    const guarded = webhookDeliverHandler(
      createOutboundPolicy(undefined, '1024-65535'),
    );
    // `:PORT` is the receiver's port, filled in when the test runs.
    const badUrls = [
      'http://127.0.0.1:PORT/',
      'http://127.1:PORT/',
      'http://2130706433:PORT/',
      'http://0x7f000001:PORT/',
      'http://0x7f.0.0.1:PORT/',
      'http://0177.0.0.1:PORT/',
      'http://0:PORT/',
      'http://0.0.0.0:PORT/',
      'http://localhost:PORT/',
      'http://[::1]:PORT/',
      'http://[::]:PORT/',
      'http://[::ffff:127.0.0.1]:PORT/',
      'http://[::ffff:7f00:1]:PORT/',
      'http://[::7f00:1]:PORT/', // IPv4-compatible 127.0.0.1
      'http://10.0.0.1/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://2852039166/', // 169.254.169.254 in decimal
      'http://[::ffff:169.254.169.254]/',
      'http://100.64.0.1/',
      'http://100.100.100.200/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[ff02::1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://[2002:7f00:1::]/',
      'ftp://example.com/',
      'file:///etc/passwd',
      'http://user:pass@example.com/',
    ];

    it('has at least 25 of them', () => {
      expect(badUrls.length).toBeGreaterThanOrEqual(25);
    });

    it.each(badUrls)('discards %s without sending anything', async badUrl => {
      const url = badUrl.replace('PORT', new URL(base).port);

      const outcome = await guarded(
        payload({ url }),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringMatching(/not allowed|refused to connect/),
      });
      expect(received).toHaveLength(0);
    });
  });

  describe('when the port is not an allowed one', () => {
    it('discards the job naming the port and the setting, sending nothing', async () => {
      // The receiver's address is allowlisted; its port is not 80 or 443.
      const defaultPorts = webhookDeliverHandler(
        createOutboundPolicy('127.0.0.1'),
      );
      const port = new URL(base).port;

      const outcome = await defaultPorts(
        payload(),
        testJobContext('webhook.deliver'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringContaining(
          `port ${port} is not allowed (OUTBOUND_ALLOWED_PORTS: 80,443)`,
        ),
      });
      expect(received).toHaveLength(0);
    });
  });
});
