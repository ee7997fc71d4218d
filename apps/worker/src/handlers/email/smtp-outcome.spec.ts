import { SMTP_SLOW_DOWN_MS, smtpOutcome } from './smtp-outcome';

const smtpError = (fields: object) =>
  Object.assign(new Error('Message failed'), fields);

describe('smtpOutcome', () => {
  it('discards a permanent 5xx rejection with the server reply', () => {
    expect(
      smtpOutcome(
        smtpError({ responseCode: 552, response: '552 5.3.4 Message too big' }),
      ),
    ).toEqual({
      kind: 'discard',
      reason: 'SMTP server rejected the message: 552 5.3.4 Message too big',
    });
  });

  it.each([421, 450, 451, 452])(
    'pauses email.send on a %i slow-down reply',
    responseCode => {
      expect(
        smtpOutcome(smtpError({ responseCode, response: 'Try later' })),
      ).toEqual({
        kind: 'rateLimited',
        retryAfterMs: SMTP_SLOW_DOWN_MS,
        reason: 'SMTP server asked to slow down: Try later',
      });
    },
  );

  it('retries another transient 4xx', () => {
    expect(
      smtpOutcome(
        smtpError({ responseCode: 454, response: '454 TLS not available' }),
      ),
    ).toEqual({
      kind: 'retry',
      reason: 'SMTP server deferred the message: 454 TLS not available',
    });
  });

  it('retries an error without a reply, naming its code', () => {
    expect(
      smtpOutcome(
        smtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' }),
      ),
    ).toEqual({
      kind: 'retry',
      reason: 'SMTP send failed (ETIMEDOUT): Greeting never received',
    });
  });
});
