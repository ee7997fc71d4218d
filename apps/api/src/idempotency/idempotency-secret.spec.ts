import { ConfigError } from '@errand/runtime';
import { idempotencySecretFrom } from './idempotency-secret';

const encryptionKey = Buffer.alloc(32, 7).toString('base64');
const secret = 'x'.repeat(44);

describe('idempotencySecretFrom', () => {
  describe('when IDEMPOTENCY_SECRET is set', () => {
    it('uses it, in production too', () => {
      expect(
        idempotencySecretFrom({
          IDEMPOTENCY_SECRET: secret,
          NODE_ENV: 'production',
          PAYLOAD_ENCRYPTION_KEY: encryptionKey,
        }),
      ).toEqual(Buffer.from(secret));
    });
  });

  describe('when it is unset outside development and test with encryption on', () => {
    it('refuses a key ring as it refuses a single key', () => {
      expect(() =>
        idempotencySecretFrom({
          NODE_ENV: 'production',
          PAYLOAD_ENCRYPTION_KEYS: `k1:${encryptionKey}`,
        }),
      ).toThrow(/IDEMPOTENCY_SECRET: required when payload encryption is on/);
    });

    it.each([
      'production',
      'Production',
      'PRODUCTION',
      'prod',
      ' Prod ',
      'staging',
      '',
    ])(
      'refuses NODE_ENV=%j with a ConfigError naming the variable',
      NODE_ENV => {
        const error = (() => {
          try {
            return idempotencySecretFrom({
              NODE_ENV,
              PAYLOAD_ENCRYPTION_KEY: encryptionKey,
            });
          } catch (e) {
            return e;
          }
        })();

        expect(error).toBeInstanceOf(ConfigError);
        expect(error).toMatchObject({
          code: 'config.invalid',
          issues: [
            {
              path: 'IDEMPOTENCY_SECRET',
              message: expect.stringContaining('openssl rand -base64 32'),
            },
          ],
        });
      },
    );
  });

  describe('when it is unset in development or test', () => {
    it('derives one from the encryption key, the same on every replica', () => {
      const derived = idempotencySecretFrom({
        NODE_ENV: 'development',
        PAYLOAD_ENCRYPTION_KEY: encryptionKey,
      });

      expect(derived).toHaveLength(32);
      expect(derived).toEqual(
        idempotencySecretFrom({
          NODE_ENV: ' Test ',
          PAYLOAD_ENCRYPTION_KEY: encryptionKey,
        }),
      );
      expect(derived).not.toEqual(Buffer.from(encryptionKey, 'base64'));
      expect(
        idempotencySecretFrom({
          NODE_ENV: 'test',
          PAYLOAD_ENCRYPTION_KEYS: `k1:${encryptionKey}`,
        }),
      ).toHaveLength(32);
    });

    it('falls back to the fixed development secret without encryption', () => {
      expect(idempotencySecretFrom({})).toEqual(
        idempotencySecretFrom({ NODE_ENV: 'production' }),
      );
    });
  });
});
