import { createHmac } from 'node:crypto';
import { verifyCallbackSignature } from './verify-callback-signature';

const SECRET = 'cbsec_0123456789abcdef';
const NOW = 1_800_000_000;
const BODY = '{"event":"job.ended","jobId":"j","status":"succeeded"}';

/** The header Errand's webhook.deliver handler sends (sign-webhook.ts). */
function signed(body: string, t = NOW, secret = SECRET): string {
  const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${hex}`;
}

describe('verifyCallbackSignature', () => {
  const verify = (body: string | Uint8Array, header: string | undefined) =>
    verifyCallbackSignature(body, header, { secret: SECRET, now: NOW });

  it('accepts the body Errand signed, as text or bytes', () => {
    expect(verify(BODY, signed(BODY))).toBe(true);
    expect(verify(Buffer.from(BODY), signed(BODY))).toBe(true);
  });

  describe('when the delivery is not genuine', () => {
    it.each([
      ['a changed body', BODY.replace('succeeded', 'dead'), signed(BODY)],
      ['another secret', BODY, signed(BODY, NOW, 'another_secret_0123')],
      ['no header', BODY, undefined],
      ['a malformed header', BODY, 'v1=abc'],
      ['a stale timestamp', BODY, signed(BODY, NOW - 301)],
      ['a future timestamp', BODY, signed(BODY, NOW + 301)],
    ])('refuses %s', (_name, body, header) => {
      expect(verify(body, header)).toBe(false);
    });
  });

  it('takes a wider tolerance when given one', () => {
    expect(
      verifyCallbackSignature(BODY, signed(BODY, NOW - 600), {
        secret: SECRET,
        now: NOW,
        toleranceSeconds: 900,
      }),
    ).toBe(true);
  });
});
