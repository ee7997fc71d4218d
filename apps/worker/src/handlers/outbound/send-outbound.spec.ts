import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createOutboundPolicy } from './outbound-policy';
import { OutboundRefusedError } from './outbound-refused-error';
import { sendOutbound, type OutboundRequest } from './send-outbound';

describe('sendOutbound', () => {
  let server: Server;
  let port: number;
  const seen: IncomingMessage[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request);
      if (request.url === '/big') {
        response.end('x'.repeat(1_000_000));
      } else if (request.url === '/silent') {
        // Never answers: only a timeout ends the request.
      } else {
        response.end(`hello ${request.headers.host}`);
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise(resolve => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const request = (overrides: Partial<OutboundRequest>): OutboundRequest => ({
    url: `http://127.0.0.1:${port}/`,
    maxBodyBytes: 1_024,
    signal: new AbortController().signal,
    timeoutMs: 5_000,
    policy: createOutboundPolicy('127.0.0.1', '1024-65535'),
    ...overrides,
  });

  it('connects to the address it checked, never resolving the name again', async () => {
    // `.invalid` never resolves (RFC 6761): the request can only reach the
    // server if the socket uses the address the guard checked.
    let lookups = 0;
    const response = await sendOutbound(
      request({
        url: `http://hooks.invalid:${port}/`,
        resolve: async () => {
          lookups += 1;
          return [{ address: '127.0.0.1', family: 4 }];
        },
      }),
    );

    expect(lookups).toBe(1);
    expect(response.status).toBe(200);
    // The Host header keeps the URL's name.
    expect(response.body.toString()).toBe(`hello hooks.invalid:${port}`);
  });

  it('refuses a name when any of its addresses is refused', async () => {
    await expect(
      sendOutbound(
        request({
          url: `http://mixed.invalid:${port}/`,
          resolve: async () => [
            { address: '127.0.0.1', family: 4 },
            { address: '169.254.169.254', family: 4 },
          ],
        }),
      ),
    ).rejects.toThrow(OutboundRefusedError);
    expect(seen).toHaveLength(0);
  });

  it('reads the body only up to the cap', async () => {
    const response = await sendOutbound(
      request({ url: `http://127.0.0.1:${port}/big`, maxBodyBytes: 1_000 }),
    );

    expect(response.truncated).toBe(true);
    expect(response.body.length).toBe(1_000);
  });

  it('gives up after timeoutMs even when the garbage collector runs meanwhile', async () => {
    // On Node 20 a timeout signal only AbortSignal.any() refers to is
    // collected and never fires: this hung until the test's own timeout.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collecting = setInterval(gc, 20);
    try {
      const started = Date.now();
      await expect(
        sendOutbound(
          request({ url: `http://127.0.0.1:${port}/silent`, timeoutMs: 200 }),
        ),
      ).rejects.toMatchObject({
        name: 'TimeoutError',
        message: 'no answer within timeoutMs (200 ms)',
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      clearInterval(collecting);
    }
  }, 10_000);

  it('rejects with the reason when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));

    await expect(
      sendOutbound(request({ signal: controller.signal })),
    ).rejects.toThrow('cancelled');
  });
});
