import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * A value as the payload cipher sealed it before key ids and additional
 * data (`errand:enc:v1:`), for tests of how such values are opened,
 * refused and resealed: nothing writes this format any more.
 */
export function sealV1(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const plain = Buffer.from(JSON.stringify(value), 'utf8');
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), sealed].map(b =>
    b.toString('base64'),
  );
  return `errand:enc:v1:${parts.join(':')}`;
}
