import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContractViolationError,
  parseEnqueueRequest,
  type JobView,
} from '@errand/contracts';
import { enqueueJob, getJobView } from '@errand/queue-core';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import { createSilentLogger, loadConfig } from '@errand/runtime';
import sharp from 'sharp';
import { HandlerConfig } from '../config';
import { servedTypes } from '../served-types';
import { createHandlers } from './create-handlers';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from './email/smtp-test-server';

const SETTLES_WITHIN_MS = 10_000;

// The four real handlers behind a real queue: payloads go through the
// contracts at enqueue and again in the worker, as in production.
describe('the real handlers, through Redis', () => {
  const fixture = useQueueFixture();
  let outputDir: string;
  let smtp: SmtpTestServer;
  let receiver: Server;
  let receiverPort: number;
  const deliveries: string[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', chunk => (body += chunk));
      request.on('end', () => {
        deliveries.push(body);
        response.end('thanks');
      });
    });
    await new Promise<void>(resolve =>
      receiver.listen(0, '127.0.0.1', resolve),
    );
    receiverPort = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise(resolve => receiver.close(resolve)));

  beforeEach(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'errand-real-'));
    smtp = await startSmtpTestServer();
    const config = loadConfig(HandlerConfig, {
      SMTP_URL: smtp.url,
      OUTPUT_DIR: outputDir,
      OUTBOUND_ALLOWLIST: '127.0.0.1,::1',
      OUTBOUND_ALLOWED_PORTS: '1024-65535', // the receiver's ephemeral port
    });
    fixture.startConsumer({
      types: servedTypes(undefined),
      concurrency: 2,
      handlers: createHandlers(createSilentLogger(), config),
    });
  });
  afterEach(async () => {
    await smtp.close();
    await rm(outputDir, { recursive: true, force: true });
  });

  const run = async (request: unknown): Promise<JobView> => {
    const { id } = await enqueueJob(
      fixture.queues,
      parseEnqueueRequest(request),
    );
    return waitFor(
      () => getJobView(fixture.queues, id),
      view => view.status === 'succeeded' || view.status === 'dead',
      SETTLES_WITHIN_MS,
    );
  };

  it('sends an email over SMTP', async () => {
    const view = await run({
      type: 'email.send',
      payload: {
        to: ['a@example.com', 'b@example.com'],
        subject: 'Hi',
        text: 'Hello',
      },
    });

    expect(view.status).toBe('succeeded');
    expect(smtp.received[0].recipients).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
  });

  it('delivers a webhook to an allowlisted receiver named by host', async () => {
    const view = await run({
      type: 'webhook.deliver',
      payload: {
        url: `http://localhost:${receiverPort}/hooks`,
        body: { event: 'ping' },
        secret: 'whsec_0123456789abcdef',
      },
    });

    expect(view).toMatchObject({
      status: 'succeeded',
      result: { status: 200, deliveryId: view.id, excerpt: 'thanks' },
    });
    expect(deliveries).toContain('{"event":"ping"}');
  });

  it('refuses a literal internal URL at enqueue, before any job exists', () => {
    expect(() =>
      parseEnqueueRequest({
        type: 'webhook.deliver',
        payload: {
          url: 'http://169.254.169.254/latest/meta-data/',
          body: {},
          secret: 'whsec_0123456789abcdef',
        },
      }),
    ).toThrow(ContractViolationError);
  });

  it('renders a PDF and resizes an image into the output folder', async () => {
    const image = await sharp({
      create: { width: 64, height: 32, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();

    const [pdf, resized] = await Promise.all([
      run({
        type: 'pdf.render',
        payload: { title: 'Hello', paragraphs: ['World'] },
      }),
      run({
        type: 'image.resize',
        payload: { base64: image.toString('base64'), width: 16 },
      }),
    ]);

    expect(pdf).toMatchObject({ status: 'succeeded', result: { pages: 1 } });
    expect(resized).toMatchObject({
      status: 'succeeded',
      result: { width: 16, height: 8, format: 'webp' },
    });
    for (const view of [pdf, resized]) {
      const { path } = view.result as { path: string };
      expect(path.startsWith(outputDir)).toBe(true);
      expect((await stat(path)).size).toBeGreaterThan(0);
    }
  });
});
