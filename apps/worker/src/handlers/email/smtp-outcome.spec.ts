import { smtpOutcome } from './smtp-outcome';

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

  it('retries a transient 4xx', () => {
    expect(
      smtpOutcome(smtpError({ responseCode: 421, response: '421 Try later' })),
    ).toEqual({
      kind: 'retry',
      reason: 'SMTP server deferred the message: 421 Try later',
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
