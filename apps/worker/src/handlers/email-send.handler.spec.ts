import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testJobContext } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { emailSendHandler, messageIdFor } from './email-send.handler';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from './email/smtp-test-server';
import { createOutboundPolicy } from './outbound/outbound-policy';

const FROM = 'Errand <no-reply@errand.test>';
// Test servers listen on ephemeral ports: allowed, so that only the address
// rule stands between a job and loopback.
const noAllowlist = createOutboundPolicy(undefined, '1024-65535');

describe('emailSendHandler', () => {
  describe('with an SMTP server', () => {
    let smtp: SmtpTestServer;
    beforeEach(async () => {
      smtp = await startSmtpTestServer();
    });
    afterEach(() => smtp.close());

    const handler = (policy = noAllowlist) =>
      emailSendHandler(createSilentLogger(), {
        destination: { kind: 'smtp', url: smtp.url },
        from: FROM,
        policy,
      });

    it('delivers the message to every recipient and returns its id', async () => {
      const outcome = await handler()(
        {
          to: ['ann@example.com', 'bob@example.com'],
          cc: ['carol@example.com'],
          bcc: ['dave@example.com'],
          replyTo: 'support@example.com',
          subject: 'Your receipt',
          text: 'Thanks for your order.',
        },
        testJobContext('email.send', { jobId: 'job-42' }),
      );

      expect(outcome).toEqual({
        kind: 'completed',
        result: { messageId: '<job-42@errand.test>' },
      });
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail.from).toBe('no-reply@errand.test');
      expect(mail.recipients.sort()).toEqual([
        'ann@example.com',
        'bob@example.com',
        'carol@example.com',
        'dave@example.com',
      ]);
      expect(mail.raw).toMatch(/^Subject: Your receipt$/m);
      expect(mail.raw).toMatch(/^Reply-To: support@example.com$/m);
      expect(mail.raw).toMatch(/^Message-ID: <job-42@errand.test>$/m);
      expect(mail.raw).toContain('Thanks for your order.');
      // Bcc recipients get the message but are not listed in it.
      expect(mail.raw).not.toContain('dave@example.com');
    });

    it('attaches inline base64 content', async () => {
      await handler()(
        {
          to: 'ann@example.com',
          subject: 'Report',
          text: 'Attached.',
          attachments: [
            {
              filename: 'report.csv',
              contentType: 'text/csv',
              content: Buffer.from('a,b\n1,2\n').toString('base64'),
            },
          ],
        },
        testJobContext('email.send'),
      );

      const [mail] = smtp.received;
      expect(mail.raw).toMatch(/filename=report\.csv/);
      expect(mail.raw).toContain(Buffer.from('a,b\n1,2\n').toString('base64'));
    });

    describe('with an attachment by URL', () => {
      let files: Server;
      let base: string;
      beforeAll(async () => {
        files = createServer((_, response) => response.end('file body'));
        await new Promise<void>(resolve =>
          files.listen(0, '127.0.0.1', resolve),
        );
        base = `http://localhost:${(files.address() as AddressInfo).port}`;
      });
      afterAll(() => new Promise(resolve => files.close(resolve)));

      it('fetches it through the guard when the allowlist names the host', async () => {
        const outcome = await handler(
          createOutboundPolicy('127.0.0.1,::1', '1024-65535'),
        )(
          {
            to: 'ann@example.com',
            subject: 'File',
            attachments: [{ filename: 'a.txt', url: `${base}/a.txt` }],
          },
          testJobContext('email.send'),
        );

        expect(outcome.kind).toBe('completed');
        expect(smtp.received[0].raw).toContain(
          Buffer.from('file body').toString('base64'),
        );
      });

      it('discards the job, sending nothing, when the guard refuses the URL', async () => {
        const outcome = await handler()(
          {
            to: 'ann@example.com',
            subject: 'File',
            attachments: [{ filename: 'a.txt', url: `${base}/a.txt` }],
          },
          testJobContext('email.send'),
        );

        expect(outcome).toEqual({
          kind: 'discard',
          reason: expect.stringMatching(/^attachment: refused .*loopback/),
        });
        expect(smtp.received).toHaveLength(0);
      });
    });

    it('discards an attachment that gives both a URL and content', async () => {
      const outcome = await handler()(
        {
          to: 'ann@example.com',
          subject: 'File',
          attachments: [
            {
              filename: 'a.txt',
              url: 'https://example.com/a',
              content: 'YQ==',
            },
          ],
        },
        testJobContext('email.send'),
      );

      expect(outcome.kind).toBe('discard');
    });

    it('discards on a 5xx rejection, with the server reply', async () => {
      const outcome = await handler()(
        { to: 'reject-me@example.com', subject: 'Hi', text: 'x' },
        testJobContext('email.send'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringMatching(
          /550 5\.1\.1 <reject-me@example.com>: no such user/,
        ),
      });
    });

    it('pauses email.send on a 451 slow-down reply', async () => {
      const outcome = await handler()(
        { to: 'busy@example.com', subject: 'Hi', text: 'x' },
        testJobContext('email.send'),
      );

      expect(outcome).toEqual({
        kind: 'rateLimited',
        retryAfterMs: expect.any(Number),
        reason: expect.stringMatching(/451 4\.2\.1 mailbox busy/),
      });
    });
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const smtp = await startSmtpTestServer();
    await smtp.close(); // the port is now closed
    const handler = emailSendHandler(createSilentLogger(), {
      destination: { kind: 'smtp', url: smtp.url },
      from: FROM,
      policy: noAllowlist,
    });

    const outcome = await handler(
      { to: 'ann@example.com', subject: 'Hi' },
      testJobContext('email.send'),
    );

    expect(outcome).toEqual({
      kind: 'retry',
      reason: expect.stringMatching(/ECONNREFUSED|ECONNECTION/),
    });
  });

  it('stops at once when the job is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('timed out'));
    const handler = emailSendHandler(createSilentLogger(), {
      destination: { kind: 'smtp', url: 'smtp://127.0.0.1:9' },
      from: FROM,
      policy: noAllowlist,
    });

    await expect(
      handler(
        { to: 'ann@example.com', subject: 'Hi' },
        testJobContext('email.send', { signal: controller.signal }),
      ),
    ).rejects.toThrow('timed out');
  });

  describe('without SMTP_URL', () => {
    let outbox: string;
    beforeEach(async () => {
      outbox = await mkdtemp(join(tmpdir(), 'errand-outbox-'));
    });
    afterEach(() => rm(outbox, { recursive: true, force: true }));

    it('writes the message to the outbox as <job id>.eml', async () => {
      const outcome = await emailSendHandler(createSilentLogger(), {
        destination: { kind: 'outbox', dir: outbox },
        from: FROM,
        policy: noAllowlist,
      })(
        { to: 'ann@example.com', subject: 'Welcome!', html: '<p>Hello</p>' },
        testJobContext('email.send', { jobId: 'job-7' }),
      );

      expect(outcome).toEqual({
        kind: 'completed',
        result: { messageId: '<job-7@errand.test>' },
      });
      const eml = await readFile(join(outbox, 'job-7.eml'), 'utf8');
      expect(eml).toMatch(/^To: ann@example.com\r$/m);
      expect(eml).toMatch(/^Subject: Welcome!\r$/m);
      expect(eml).toContain('<p>Hello</p>');
    });
  });
});

describe('messageIdFor', () => {
  it('puts the job id at the domain of the From address', () => {
    expect(messageIdFor('0b5d', 'Shop <orders@shop.example>')).toBe(
      '<0b5d@shop.example>',
    );
    expect(messageIdFor('a b/c', 'orders@shop.example')).toBe(
      '<a_b_c@shop.example>',
    );
  });
});
