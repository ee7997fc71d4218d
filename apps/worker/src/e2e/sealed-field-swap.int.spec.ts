import { randomBytes } from 'node:crypto';
import { parseEnqueueRequest } from '@errand/contracts';
import {
  enqueueJob,
  getJobView,
  payloadCipherFrom,
  JobStore,
} from '@errand/queue-core';
import {
  sealV1,
  useQueueFixture,
  waitFor,
  createPayloadCipher,
} from '@errand/queue-core/testing';
import { createSilentLogger, loadConfig } from '@errand/runtime';
import { HandlerConfig, WorkerConfig } from '../config';
import { createHandlers } from '../handlers/create-handlers';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../handlers/email/smtp-test-server';

const WEBHOOK_SECRET = 'whsec_do-not-mail-me-0123456789';

/**
 * Encryption at rest against someone who can write to Redis but holds no
 * key: a sealed value moved from one job into another must not be opened
 * by the worker, so it is never mailed out.
 */
describe('a sealed value moved into another job in Redis', () => {
  const fixture = useQueueFixture();
  const key = randomBytes(32);
  const cipher = createPayloadCipher(key);
  let smtp: SmtpTestServer;
  let sealing: JobStore;

  beforeEach(async () => {
    smtp = await startSmtpTestServer();
    sealing = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
      cipher,
    });
  });
  afterEach(async () => {
    await sealing.close();
    await smtp.close();
  });

  /** The stored payload of a job, as anyone with Redis access reads it. */
  async function storedPayload(
    type: 'email.send' | 'webhook.deliver',
    id: string,
  ) {
    const { queues } = fixture;
    const job = await queues.runWithDeadline(() =>
      queues.queueFor(type).getJob(id),
    );
    if (!job) throw new Error(`no ${type} job ${id}`);
    return job;
  }

  it('is refused by the worker: the job dies and nothing is mailed', async () => {
    const webhook = await enqueueJob(
      sealing,
      parseEnqueueRequest({
        type: 'webhook.deliver',
        payload: {
          url: 'https://example.com/hook',
          body: {},
          secret: WEBHOOK_SECRET,
        },
      }),
    );
    const email = await enqueueJob(
      sealing,
      parseEnqueueRequest({
        type: 'email.send',
        payload: {
          to: 'attacker@example.com',
          subject: 'exfiltrated',
          text: 'placeholder',
        },
      }),
    );
    // The attacker's write: the webhook's sealed secret as the email's text.
    const source = await storedPayload('webhook.deliver', webhook.id);
    const target = await storedPayload('email.send', email.id);
    await target.updateData({
      ...target.data,
      payload: { ...target.data.payload, text: source.data.payload.secret },
    });

    const config = loadConfig(HandlerConfig, { SMTP_URL: smtp.url });
    fixture.startConsumer({
      types: ['email.send'],
      concurrency: 1,
      handlers: createHandlers(createSilentLogger(), config),
      cipher,
    });
    const view = await waitFor(
      () => getJobView(fixture.queues, email.id),
      v => v.status === 'succeeded' || v.status === 'dead',
      10_000,
    );

    expect(smtp.received).toEqual([]);
    expect(view.status).toBe('dead');
    expect(view.lastError?.message).toMatch(
      /sensitive field \(\/text\) does not open: it does not belong to this job type, job and field/,
    );
    expect(JSON.stringify(view)).not.toContain(WEBHOOK_SECRET);
  });

  it('is refused in the v1 format (no AAD) with PAYLOAD_ENCRYPTION_OPEN_V1=false', async () => {
    const webhook = await enqueueJob(
      sealing,
      parseEnqueueRequest({
        type: 'webhook.deliver',
        payload: {
          url: 'https://example.com/hook',
          body: {},
          secret: WEBHOOK_SECRET,
        },
      }),
    );
    const email = await enqueueJob(
      sealing,
      parseEnqueueRequest({
        type: 'email.send',
        payload: {
          to: 'attacker@example.com',
          subject: 'exfiltrated',
          text: 'placeholder',
        },
      }),
    );
    // A webhook job stored before v2: its secret sealed with the same key,
    // bound to nothing.
    const source = await storedPayload('webhook.deliver', webhook.id);
    const v1Secret = sealV1(key, WEBHOOK_SECRET);
    await source.updateData({
      ...source.data,
      payload: { ...source.data.payload, secret: v1Secret },
    });
    // The attacker's write: that v1 secret as the email's text.
    const target = await storedPayload('email.send', email.id);
    await target.updateData({
      ...target.data,
      payload: { ...target.data.payload, text: v1Secret },
    });

    const config = loadConfig(HandlerConfig, { SMTP_URL: smtp.url });
    const strict = payloadCipherFrom(
      loadConfig(WorkerConfig, {
        PAYLOAD_ENCRYPTION_KEY: key.toString('base64'),
        PAYLOAD_ENCRYPTION_OPEN_V1: 'false',
      }),
    );
    fixture.startConsumer({
      types: ['email.send'],
      concurrency: 1,
      handlers: createHandlers(createSilentLogger(), config),
      cipher: strict,
    });
    const view = await waitFor(
      () => getJobView(fixture.queues, email.id),
      v => v.status === 'succeeded' || v.status === 'dead',
      10_000,
    );

    expect(smtp.received).toEqual([]);
    expect(view.status).toBe('dead');
    expect(view.lastError?.message).toMatch(
      /sensitive field \(\/text\) is in the v1 format.*PAYLOAD_ENCRYPTION_OPEN_V1=false/,
    );
    expect(JSON.stringify(view)).not.toContain(WEBHOOK_SECRET);
  });

  it('is refused once the job it was sealed in is sent elsewhere', async () => {
    const email = await enqueueJob(
      sealing,
      parseEnqueueRequest({
        type: 'email.send',
        payload: { to: 'user@example.com', subject: 'Code', text: '482913' },
      }),
    );
    // The attacker's write: the same sealed text, their own address.
    const target = await storedPayload('email.send', email.id);
    await target.updateData({
      ...target.data,
      payload: { ...target.data.payload, to: 'attacker@example.com' },
    });

    const config = loadConfig(HandlerConfig, { SMTP_URL: smtp.url });
    fixture.startConsumer({
      types: ['email.send'],
      concurrency: 1,
      handlers: createHandlers(createSilentLogger(), config),
      cipher,
    });
    const view = await waitFor(
      () => getJobView(fixture.queues, email.id),
      v => v.status === 'succeeded' || v.status === 'dead',
      10_000,
    );

    expect(smtp.received).toEqual([]);
    expect(view.status).toBe('dead');
    expect(view.lastError?.message).toMatch(/other fields changed/);
  });

  it.each([12, 8, 4])(
    'is refused with its tag cut to %i bytes',
    async bytes => {
      const email = await enqueueJob(
        sealing,
        parseEnqueueRequest({
          type: 'email.send',
          payload: { to: 'user@example.com', subject: 'Code', text: '482913' },
        }),
      );
      const target = await storedPayload('email.send', email.id);
      const parts = (target.data.payload.text as string).split(':');
      const tag = Buffer.from(parts[parts.length - 2], 'base64');
      parts[parts.length - 2] = tag.subarray(0, bytes).toString('base64');
      await target.updateData({
        ...target.data,
        payload: { ...target.data.payload, text: parts.join(':') },
      });

      const config = loadConfig(HandlerConfig, { SMTP_URL: smtp.url });
      fixture.startConsumer({
        types: ['email.send'],
        concurrency: 1,
        handlers: createHandlers(createSilentLogger(), config),
        cipher,
      });
      const view = await waitFor(
        () => getJobView(fixture.queues, email.id),
        v => v.status === 'succeeded' || v.status === 'dead',
        10_000,
      );

      expect(smtp.received).toEqual([]);
      expect(view.status).toBe('dead');
      expect(view.lastError?.message).toContain(
        `authentication tag is ${bytes} bytes`,
      );
    },
  );

  it('still opens in the job it was sealed for', async () => {
    const email = await enqueueJob(
      sealing,
      parseEnqueueRequest({
        type: 'email.send',
        payload: { to: 'user@example.com', subject: 'Hi', text: 'Hello' },
      }),
    );
    const config = loadConfig(HandlerConfig, { SMTP_URL: smtp.url });
    fixture.startConsumer({
      types: ['email.send'],
      concurrency: 1,
      handlers: createHandlers(createSilentLogger(), config),
      cipher,
    });
    const view = await waitFor(
      () => getJobView(fixture.queues, email.id),
      v => v.status === 'succeeded' || v.status === 'dead',
      10_000,
    );

    expect(view.status).toBe('succeeded');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].raw).toContain('Hello');
  });
});
