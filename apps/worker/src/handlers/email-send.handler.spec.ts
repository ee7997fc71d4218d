import type { JobContext } from '@errand/queue-core';
import { createSilentLogger } from '@errand/runtime';
import { emailSendHandler, renderEmail } from './email-send.handler';

const MESSAGE_ID =
  /^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@errand\.local>$/;

const context: JobContext = {
  jobId: 'job-1',
  type: 'email.send',
  attempt: 1,
  maxAttempts: 6,
  signal: new AbortController().signal,
};

const welcome = {
  to: 'user@example.com',
  subject: 'Welcome!',
  text: 'Hello there.',
};

describe('renderEmail', () => {
  const date = new Date('2030-01-02T03:04:05Z');

  it('writes the To and Subject headers from the payload', () => {
    const message = renderEmail(welcome, '<m1@errand.local>', date);

    const headers = message.split('\r\n\r\n')[0].split('\r\n');
    expect(headers).toContain('To: user@example.com');
    expect(headers).toContain('Subject: Welcome!');
    expect(headers).toContain('Message-ID: <m1@errand.local>');
    expect(headers).toContain('Date: Wed, 02 Jan 2030 03:04:05 GMT');
  });

  it('puts the text after a blank line, as plain text', () => {
    const message = renderEmail(welcome, '<m1@errand.local>', date);

    expect(message).toContain('Content-Type: text/plain; charset=utf-8');
    expect(message.endsWith('\r\n\r\nHello there.')).toBe(true);
  });

  it('sends an html-only message as html', () => {
    const message = renderEmail(
      { to: 'user@example.com', subject: 'Hi', html: '<p>Hi</p>' },
      '<m1@errand.local>',
      date,
    );

    expect(message).toContain('Content-Type: text/html; charset=utf-8');
    expect(message.endsWith('\r\n\r\n<p>Hi</p>')).toBe(true);
  });

  it('prefers the text when both text and html are given', () => {
    const message = renderEmail(
      { ...welcome, html: '<p>Hello there.</p>' },
      '<m1@errand.local>',
      date,
    );

    expect(message).toContain('Content-Type: text/plain; charset=utf-8');
    expect(message.endsWith('\r\n\r\nHello there.')).toBe(true);
  });

  it('leaves the body empty when there is neither text nor html', () => {
    const message = renderEmail(
      { to: 'user@example.com', subject: 'Hi' },
      '<m1@errand.local>',
      date,
    );

    expect(message.endsWith('charset=utf-8\r\n\r\n')).toBe(true);
  });
});

describe('emailSendHandler', () => {
  it('completes with a new message id', async () => {
    const handler = emailSendHandler(createSilentLogger());

    const outcome = await handler(welcome, context);

    expect(outcome).toEqual({
      kind: 'completed',
      result: { messageId: expect.stringMatching(MESSAGE_ID) },
    });
  });

  it('gives every message its own id', async () => {
    const handler = emailSendHandler(createSilentLogger());

    const first = await handler(welcome, context);
    const second = await handler(welcome, context);

    expect(first).not.toEqual(second);
  });

  it('logs where the message went but not what it says', async () => {
    const logger = createSilentLogger();
    const info = jest.spyOn(logger, 'info');

    await emailSendHandler(logger)(welcome, context);

    expect(info).toHaveBeenCalledTimes(1);
    const [, fields] = info.mock.calls[0] as unknown as [string, object];
    expect(fields).toEqual({
      jobId: 'job-1',
      to: 'user@example.com',
      subject: 'Welcome!',
      bytes: expect.any(Number),
    });
    expect(JSON.stringify(info.mock.calls)).not.toContain('Hello there.');
  });
});
