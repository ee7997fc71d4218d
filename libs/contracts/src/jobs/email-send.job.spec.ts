import { redactPayload } from '../validation/redact-payload';
import { parsePayload } from '../validation/parse-payload';
import { emailSendJob, MAX_EMAIL_RECIPIENTS } from './email-send.job';
import { issuePaths } from './job-spec-helpers';

const addresses = (n: number) =>
  Array.from({ length: n }, (_, i) => `user${i}@example.com`);

describe('the email.send contract', () => {
  it('still takes a version 1 payload: one address in to', () => {
    expect(emailSendJob.version).toBe(1);
    expect(
      issuePaths('email.send', { to: 'user@example.com', subject: 'Hi' }),
    ).toEqual([]);
  });

  it('takes lists of to, cc and bcc, a reply-to and attachments', () => {
    expect(
      issuePaths('email.send', {
        to: addresses(MAX_EMAIL_RECIPIENTS),
        cc: ['cc@example.com'],
        bcc: ['bcc@example.com'],
        replyTo: 'support@example.com',
        subject: 'Report',
        attachments: [
          { filename: 'a.csv', contentType: 'text/csv', content: 'YSxi' },
          { filename: 'b.pdf', url: 'https://files.example.com/b.pdf' },
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    [{ to: 'not-an-email' }, '/payload/to'],
    [{ to: [] }, '/payload/to'],
    [{ to: addresses(MAX_EMAIL_RECIPIENTS + 1) }, '/payload/to'],
    [{ cc: ['nope'] }, '/payload/cc/0'],
    [{ bcc: addresses(MAX_EMAIL_RECIPIENTS + 1) }, '/payload/bcc'],
    [{ replyTo: 'nope' }, '/payload/replyTo'],
    [
      { attachments: [{ filename: 'a', content: 'not base64!' }] },
      '/payload/attachments/0/content',
    ],
    [
      { attachments: [{ filename: 'a', url: 'http://169.254.169.254/' }] },
      '/payload/attachments/0/url',
    ],
  ])('rejects %j at %s', (change, path) => {
    expect(
      issuePaths('email.send', {
        to: 'user@example.com',
        subject: 'Hi',
        ...change,
      }),
    ).toContain(path);
  });

  it('explains a bad to in words, not "union"', () => {
    expect(() =>
      parsePayload('email.send', { to: 'nope', subject: 'Hi' }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          {
            path: '/payload/to',
            message: `Expected an email address, or a list of 1 to ${MAX_EMAIL_RECIPIENTS} email addresses`,
          },
        ],
      }),
    );
  });

  it('redacts attachment content with the bodies', () => {
    expect(
      redactPayload('email.send', {
        to: 'user@example.com',
        subject: 'Hi',
        text: 'secret link',
        attachments: [{ filename: 'a.txt', content: 'c2VjcmV0' }],
      }),
    ).toEqual({
      to: 'user@example.com',
      subject: 'Hi',
      text: '[redacted]',
      attachments: [{ filename: 'a.txt', content: '[redacted]' }],
    });
  });
});
