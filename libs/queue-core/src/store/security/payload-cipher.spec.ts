import { createCipheriv, randomBytes } from 'node:crypto';
import { createPayloadCipher, PayloadDecryptionError } from './payload-cipher';

/** A value in the format sealed before key ids and AAD (`v1`). */
function sealV1(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), sealed].map(b =>
    b.toString('base64'),
  );
  return `errand:enc:v1:${parts.join(':')}`;
}

/** The sealed value with its tag cut to `bytes`. */
function withTagCutTo(sealed: string, bytes: number): string {
  const parts = sealed.split(':');
  const tag = Buffer.from(parts[parts.length - 2], 'base64');
  parts[parts.length - 2] = tag.subarray(0, bytes).toString('base64');
  return parts.join(':');
}

describe('the payload cipher', () => {
  const key = randomBytes(32);
  const cipher = createPayloadCipher(key);
  const email = { type: 'email.send', jobId: 'job-1' };
  const payload = {
    to: 'user@example.com',
    subject: 'Your code',
    text: 'code 123456',
  };

  it('seals only the sensitive fields, and opens them back', () => {
    const sealed = cipher.seal(email, payload) as typeof payload;
    expect(sealed.to).toBe(payload.to);
    expect(sealed.subject).toBe(payload.subject);
    expect(sealed.text).toMatch(/^errand:enc:v2:default:/);
    expect(JSON.stringify(sealed)).not.toContain('123456');
    expect(cipher.open(email, sealed)).toEqual(payload);
  });

  it('seals the same value differently each time (random IV)', () => {
    const a = cipher.seal(email, payload) as typeof payload;
    const b = cipher.seal(email, payload) as typeof payload;
    expect(a.text).not.toBe(b.text);
  });

  it('opens plain values stored before encryption was on as they are', () => {
    expect(cipher.open(email, payload)).toEqual(payload);
  });

  it('leaves types without sensitive fields alone', () => {
    const sleep = { ms: 5 };
    expect(cipher.seal({ type: 'system.sleep', jobId: 'j' }, sleep)).toBe(
      sleep,
    );
  });

  it('refuses a value sealed with another key', () => {
    const other = createPayloadCipher(randomBytes(32));
    const sealed = other.seal(email, payload);
    expect(() => cipher.open(email, sealed)).toThrow(PayloadDecryptionError);
  });

  it('refuses a tampered value', () => {
    const sealed = cipher.seal(email, payload) as typeof payload;
    const [head, ciphertext] = [
      sealed.text.slice(0, -4),
      sealed.text.slice(-4),
    ];
    const tampered = {
      ...sealed,
      text: head + (ciphertext === 'AAAA' ? 'BBBB' : 'AAAA'),
    };
    expect(() => cipher.open(email, tampered)).toThrow(PayloadDecryptionError);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createPayloadCipher(randomBytes(16))).toThrow(/32 bytes/);
  });

  describe('when a sealed value is moved (AAD)', () => {
    const webhook = {
      url: 'https://example.com/hook',
      body: {},
      secret: 'whsec_0123456789abcdef',
    };
    const sealedSecret = (
      cipher.seal({ type: 'webhook.deliver', jobId: 'job-1' }, webhook) as {
        secret: string;
      }
    ).secret;

    it('refuses it in another job type', () => {
      expect(() =>
        cipher.open(email, { ...payload, text: sealedSecret }),
      ).toThrow(/does not belong to this job type, job and field/);
    });

    it('refuses it in another job of the same type', () => {
      expect(() =>
        cipher.open(
          { type: 'webhook.deliver', jobId: 'job-2' },
          { ...webhook, secret: sealedSecret },
        ),
      ).toThrow(PayloadDecryptionError);
    });

    it('refuses it in another field of the same job', () => {
      const sealed = cipher.seal(email, {
        ...payload,
        html: '<b>hi</b>',
      }) as { text: string; html: string };
      expect(() =>
        cipher.open(email, { ...sealed, text: sealed.html, html: sealed.text }),
      ).toThrow(PayloadDecryptionError);
    });

    it('refuses it once a field it travels with changed (the recipient)', () => {
      const sealed = cipher.seal(email, payload) as typeof payload;
      expect(() =>
        cipher.open(email, { ...sealed, to: 'attacker@example.com' }),
      ).toThrow(/does not belong to this job type, job and field/);
    });

    it('refuses the webhook secret once the URL changed', () => {
      const scope = { type: 'webhook.deliver', jobId: 'job-1' };
      const sealed = cipher.seal(scope, webhook) as typeof webhook;
      expect(() =>
        cipher.open(scope, { ...sealed, url: 'https://attacker.example/' }),
      ).toThrow(PayloadDecryptionError);
      expect(cipher.open(scope, sealed)).toEqual(webhook);
    });

    it('opens it whatever the order of the stored keys', () => {
      const sealed = cipher.seal(email, payload) as typeof payload;
      const reordered = {
        text: sealed.text,
        subject: sealed.subject,
        to: sealed.to,
      };
      expect(cipher.open(email, reordered)).toEqual(payload);
    });

    it('opens a scheduler template value in every run of that scheduler', () => {
      const sealed = cipher.seal(
        { type: 'email.send', schedulerId: 'errand.schedule:daily' },
        payload,
      );
      const run = 'repeat:errand.schedule:daily:1767225600000';
      expect(cipher.open({ type: 'email.send', jobId: run }, sealed)).toEqual(
        payload,
      );
      expect(() =>
        cipher.open(
          {
            type: 'email.send',
            jobId: 'repeat:errand.schedule:weekly:1767225600000',
          },
          sealed,
        ),
      ).toThrow(PayloadDecryptionError);
    });
  });

  describe('when the tag is cut short', () => {
    it.each([12, 8, 4, 0])('refuses a %i-byte tag', bytes => {
      const sealed = cipher.seal(email, payload) as typeof payload;
      expect(() =>
        cipher.open(email, {
          ...sealed,
          text: withTagCutTo(sealed.text, bytes),
        }),
      ).toThrow(PayloadDecryptionError);
    });

    it.each([12, 8, 4])('refuses a %i-byte tag on an old value', bytes => {
      const old = sealV1(key, 'code 123456');
      expect(() =>
        cipher.open(email, { ...payload, text: withTagCutTo(old, bytes) }),
      ).toThrow(PayloadDecryptionError);
    });
  });

  describe('with a key ring', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const ringA = createPayloadCipher([{ id: 'a', key: a }]);
    const ringBA = createPayloadCipher([
      { id: 'b', key: b },
      { id: 'a', key: a },
    ]);

    it('seals with the first key and opens with any', () => {
      const underA = ringA.seal(email, payload) as typeof payload;
      expect(underA.text).toMatch(/^errand:enc:v2:a:/);
      expect(ringBA.open(email, underA)).toEqual(payload);
      const underB = ringBA.seal(email, payload) as typeof payload;
      expect(underB.text).toMatch(/^errand:enc:v2:b:/);
    });

    it('names a key id it does not hold', () => {
      const underB = ringBA.seal(email, payload);
      expect(() => ringA.open(email, underB)).toThrow(/key id "b"/);
    });

    it('reseals a value under the newest key, once', () => {
      const underA = ringA.seal(email, payload);
      const moved = ringBA.reseal(email, underA);
      expect(moved.changed).toBe(true);
      expect((moved.payload as typeof payload).text).toMatch(
        /^errand:enc:v2:b:/,
      );
      expect(ringBA.open(email, moved.payload)).toEqual(payload);
      expect(ringBA.reseal(email, moved.payload)).toEqual({
        payload: moved.payload,
        changed: false,
      });
    });

    it('refuses duplicate key ids', () => {
      expect(() =>
        createPayloadCipher([
          { id: 'a', key: a },
          { id: 'a', key: b },
        ]),
      ).toThrow(/twice/);
    });
  });

  describe('with values sealed before key ids and AAD (v1)', () => {
    it('opens them with the key they were sealed under', () => {
      const old = { ...payload, text: sealV1(key, 'code 123456') };
      expect(cipher.open(email, old)).toEqual(payload);
      const ring = createPayloadCipher([
        { id: 'new', key: randomBytes(32) },
        { id: 'default', key },
      ]);
      expect(ring.open(email, old)).toEqual(payload);
    });

    it('reseals them into the current format', () => {
      const old = { ...payload, text: sealV1(key, 'code 123456') };
      const { payload: resealed, changed } = cipher.reseal(email, old);
      expect(changed).toBe(true);
      expect((resealed as typeof payload).text).toMatch(/^errand:enc:v2:/);
    });

    it('refuses them with openV1 false, naming the setting', () => {
      const strict = createPayloadCipher(key, { openV1: false });
      const old = { ...payload, text: sealV1(key, 'code 123456') };
      expect(() => strict.open(email, old)).toThrow(PayloadDecryptionError);
      expect(() => strict.open(email, old)).toThrow(
        /\(\/text\).*v1 format.*PAYLOAD_ENCRYPTION_OPEN_V1=false/,
      );
      expect(() => strict.reseal(email, old)).toThrow(
        /PAYLOAD_ENCRYPTION_OPEN_V1/,
      );
      // The current format still opens.
      expect(strict.open(email, strict.seal(email, payload))).toEqual(payload);
    });
  });

  it('gives a 1-byte and a 20-byte secret the same sealed length', () => {
    const lengthOf = (text: string) =>
      (cipher.seal(email, { ...payload, text }) as typeof payload).text.length;
    expect(lengthOf('1')).toBe(lengthOf('12345678901234567890'));
    expect(lengthOf('1')).toBeLessThan(lengthOf('x'.repeat(40)));
  });
});
