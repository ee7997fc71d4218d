import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { findFreePort } from '@errand/local-redis';
import { createErrandClient } from '../create-errand-client';
import { ErrandClientError } from '../errors/errand-client-error';

// A real HTTP server standing in for a proxy or a broken deployment: the
// answers the Errand API itself never gives.
let server: Server | undefined;
let seen: IncomingMessage[] = [];

async function serve(listener: RequestListener): Promise<string> {
  server = createServer((req, res) => {
    seen.push(req);
    listener(req, res);
  });
  await new Promise<void>(done => server?.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  seen = [];
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise(done => running.close(done));
});

async function failureOf(call: Promise<unknown>): Promise<ErrandClientError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErrandClientError);
  return error as ErrandClientError;
}

describe('sendRequest', () => {
  it('sends the API key as a bearer token, never in the URL', async () => {
    const baseUrl = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"id":"1"}');
    });
    const errand = createErrandClient({ baseUrl, apiKey: 's3cret' });

    await errand.getJob('1');

    expect(seen[0].headers.authorization).toBe('Bearer s3cret');
    expect(seen[0].url).toBe('/jobs/1');
  });

  it('keeps a path prefix of the base URL and escapes the job id', async () => {
    const baseUrl = await serve((_req, res) => res.end('{}'));
    const errand = createErrandClient({ baseUrl: `${baseUrl}/errand/` });

    await errand.retryJob('a/b?c');

    expect(seen[0].method).toBe('POST');
    expect(seen[0].url).toBe('/errand/jobs/a%2Fb%3Fc/retry');
  });

  describe('when the answer is not a problem', () => {
    it('fails with client.unexpectedResponse and the status', async () => {
      const baseUrl = await serve((_req, res) => {
        res.statusCode = 502;
        res.setHeader('content-type', 'text/html');
        res.end('<h1>Bad Gateway</h1>');
      });
      const errand = createErrandClient({ baseUrl });

      const error = await failureOf(errand.getJob('1'));

      expect(error.code).toBe('client.unexpectedResponse');
      expect(error.status).toBe(502);
      expect(error.problem).toBeUndefined();
    });
  });

  describe('when the API does not answer in time', () => {
    it('fails with client.timeout after timeoutMs', async () => {
      const baseUrl = await serve(() => {
        // Never answers.
      });
      const errand = createErrandClient({ baseUrl, timeoutMs: 200 });

      const started = Date.now();
      const error = await failureOf(errand.getJob('1'));

      expect(error.code).toBe('client.timeout');
      expect(error.status).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('when nothing listens at the base URL', () => {
    it('fails fast with client.network', async () => {
      const port = await findFreePort();
      const errand = createErrandClient({
        baseUrl: `http://127.0.0.1:${port}`,
        validateLocally: false,
      });

      const started = Date.now();
      const error = await failureOf(
        errand.enqueue('system.noop', {}, { retries: 0 }),
      );

      expect(error.code).toBe('client.network');
      expect(error.message).toMatch(/ECONNREFUSED/);
      expect(error.status).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
});
