import { randomBytes } from 'node:crypto';
import { createPayloadCipher, PayloadDecryptionError } from './payload-cipher';

describe('the payload cipher', () => {
  const cipher = createPayloadCipher(randomBytes(32));
  const payload = {
    to: 'user@example.com',
    subject: 'Your code',
    text: 'code 123456',
  };

  it('seals only the sensitive fields, and opens them back', () => {
    const sealed = cipher.seal('email.send', payload) as typeof payload;
    expect(sealed.to).toBe(payload.to);
    expect(sealed.subject).toBe(payload.subject);
    expect(sealed.text).toMatch(/^errand:enc:v1:/);
    expect(JSON.stringify(sealed)).not.toContain('123456');
    expect(cipher.open('email.send', sealed)).toEqual(payload);
  });

  it('seals the same value differently each time (random IV)', () => {
    const a = cipher.seal('email.send', payload) as typeof payload;
    const b = cipher.seal('email.send', payload) as typeof payload;
    expect(a.text).not.toBe(b.text);
  });

  it('opens plain values stored before encryption was on as they are', () => {
    expect(cipher.open('email.send', payload)).toEqual(payload);
  });

  it('leaves types without sensitive fields alone', () => {
    const sleep = { ms: 5 };
    expect(cipher.seal('system.sleep', sleep)).toBe(sleep);
  });

  it('refuses a value sealed with another key', () => {
    const other = createPayloadCipher(randomBytes(32));
    const sealed = other.seal('email.send', payload);
    expect(() => cipher.open('email.send', sealed)).toThrow(
      PayloadDecryptionError,
    );
  });

  it('refuses a tampered value', () => {
    const sealed = cipher.seal('email.send', payload) as typeof payload;
    const [head, ciphertext] = [
      sealed.text.slice(0, -4),
      sealed.text.slice(-4),
    ];
    const tampered = {
      ...sealed,
      text: head + (ciphertext === 'AAAA' ? 'BBBB' : 'AAAA'),
    };
    expect(() => cipher.open('email.send', tampered)).toThrow(
      PayloadDecryptionError,
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createPayloadCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
