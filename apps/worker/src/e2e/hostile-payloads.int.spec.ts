import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnqueueRequest, type JobView } from '@errand/contracts';
import { enqueueJob, getJobView } from '@errand/queue-core';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import { createSilentLogger, loadConfig } from '@errand/runtime';
import { HandlerConfig } from '../config';
import { createHandlers } from '../handlers/create-handlers';
import { servedTypes } from '../served-types';

/**
 * Payloads built to hurt the worker, run by the real consumer and handlers
 * in this process, so that what they do to it (its prototypes) can be
 * checked here; they are parsed from raw JSON text as express.json parses
 * them in the API, and checked by the same contract.
 */
describe('hostile payloads in the worker', () => {
  const fixture = useQueueFixture();
  let outbox: string;
  let receiver: Server;
  let receiverPort: number;
  const deliveries: string[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', chunk => (body += chunk));
      request.on('end', () => {
        deliveries.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>(done => receiver.listen(0, '127.0.0.1', done));
    receiverPort = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise(done => receiver.close(done)));

  beforeEach(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'errand-hostile-'));
    const config = loadConfig(HandlerConfig, {
      OUTBOX_DIR: outbox,
      OUTPUT_DIR: outbox,
      OUTBOUND_ALLOWLIST: '127.0.0.1,::1',
      OUTBOUND_ALLOWED_PORTS: '1024-65535', // the receiver's ephemeral port
    });
    fixture.startConsumer({
      types: servedTypes(undefined),
      concurrency: 2,
      handlers: createHandlers(createSilentLogger(), config),
    });
  });
  afterEach(() => rm(outbox, { recursive: true, force: true }));

  /** Enqueues the raw JSON text as the API would and waits for the end. */
  async function run(text: string): Promise<JobView> {
    const { id } = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest(JSON.parse(text)),
    );
    return waitFor(
      () => getJobView(fixture.queues, id),
      view => view.status === 'succeeded' || view.status === 'dead',
      10_000,
    );
  }

  const webhookWith = (body: string) =>
    `{"type":"webhook.deliver","payload":{"url":"http://localhost:${receiverPort}/hook","secret":"whsec_0123456789abcdef","body":${body}}}`;

  it.each([
    [
      '__proto__',
      '{"__proto__":{"polluted":"yes"},"a":[{"__proto__":{"polluted":"yes"}}]}',
    ],
    [
      'constructor.prototype',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
    ],
  ])(
    'delivers a body holding %s as plain data and pollutes nothing',
    async (_name, body) => {
      const view = await run(webhookWith(body));

      expect(view.status).toBe('succeeded');
      // The receiver got the keys as data, byte for byte what was sent.
      expect(deliveries).toContain(body);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    },
  );

  it('delivers NUL and lone surrogates without failing the job', async () => {
    const body = '{"nul":"a\\u0000b","high":"\\ud800","low":"\\udc00"}';
    const view = await run(webhookWith(body));

    expect(view.status).toBe('succeeded');
    expect(JSON.parse(deliveries.at(-1) ?? '{}')).toEqual(JSON.parse(body));
  });

  it('writes a subject with CRLF and terminal escapes into one inert header', async () => {
    const subject = 'Hi\r\nBcc: victim@example.com\r\n\r\nbody\u001b[31m';
    const view = await run(
      JSON.stringify({
        type: 'email.send',
        payload: { to: 'user@example.com', subject, text: 'Hello' },
      }),
    );

    expect(view.status).toBe('succeeded');
    const [file] = (await readdir(outbox)).filter(name =>
      name.endsWith('.eml'),
    );
    const message = await readFile(join(outbox, file ?? ''), 'utf8');
    const headers = message.slice(0, message.indexOf('\r\n\r\n'));
    // No header was injected, and no raw control byte reached the message.
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(message).not.toContain('\u001b');
    expect(headers).toMatch(/^Subject: /m);
  });
});
