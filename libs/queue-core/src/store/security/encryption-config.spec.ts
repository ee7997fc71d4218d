import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { loadConfig } from '@errand/runtime';
import { EncryptionConfig, payloadCipherFrom } from './encryption-config';

const key = () => randomBytes(32).toString('base64');
const Config = Type.Object({ ...EncryptionConfig });

describe('payloadCipherFrom', () => {
  it('is off with neither variable', () => {
    expect(payloadCipherFrom({})).toBeUndefined();
  });

  it('makes PAYLOAD_ENCRYPTION_KEY a ring of one key with id default', () => {
    const cipher = payloadCipherFrom({ PAYLOAD_ENCRYPTION_KEY: key() });
    expect(cipher?.sealingKeyId).toBe('default');
  });

  it('seals with the first key of PAYLOAD_ENCRYPTION_KEYS', () => {
    const config = { PAYLOAD_ENCRYPTION_KEYS: `new:${key()},old:${key()}` };
    expect(Value.Check(Config, config)).toBe(true);
    expect(payloadCipherFrom(config)?.sealingKeyId).toBe('new');
  });

  it('opens the v1 format unless PAYLOAD_ENCRYPTION_OPEN_V1 is false', () => {
    const config = loadConfig(Config, {
      PAYLOAD_ENCRYPTION_KEY: key(),
      PAYLOAD_ENCRYPTION_OPEN_V1: 'false',
    });
    expect(config).toMatchObject({ PAYLOAD_ENCRYPTION_OPEN_V1: false });
    expect(payloadCipherFrom(config)?.opensV1).toBe(false);
    const byDefault = loadConfig(Config, { PAYLOAD_ENCRYPTION_KEY: key() });
    expect(payloadCipherFrom(byDefault)?.opensV1).toBe(true);
  });

  it('refuses both variables at once, saying how to keep the single key', () => {
    expect(() =>
      payloadCipherFrom({
        PAYLOAD_ENCRYPTION_KEYS: `new:${key()}`,
        PAYLOAD_ENCRYPTION_KEY: key(),
      }),
    ).toThrow(/not both.*"default:<key>"/);
  });

  it('refuses a key id given twice', () => {
    expect(() =>
      payloadCipherFrom({ PAYLOAD_ENCRYPTION_KEYS: `a:${key()},a:${key()}` }),
    ).toThrow(/twice/);
  });

  it.each([
    ['a key that is not 32 bytes', `a:${randomBytes(16).toString('base64')}`],
    ['an entry without an id', key()],
    ['an id with a colon', `a:b:${key()}`],
  ])('refuses %s in the ring at load', (_what, value) => {
    expect(Value.Check(Config, { PAYLOAD_ENCRYPTION_KEYS: value })).toBe(false);
  });
});
