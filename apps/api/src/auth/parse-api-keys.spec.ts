import { ConfigError } from '@errand/runtime';
import { findApiKey, hashApiKey } from './find-api-key';
import { parseApiKeys } from './parse-api-keys';

const hex = (key: string) => hashApiKey(key).toString('hex');

/** The ConfigError `run` throws; anything else fails the test. */
function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
}

describe('parseApiKeys', () => {
  it('reads entries separated by ; or new lines, with optional types', () => {
    const keys = parseApiKeys(
      `ops:admin:${hex('a')}; shop:producer:${hex('b')}\nmail:producer:${hex('c')}:email.send,system.noop`,
    );

    expect(
      keys.map(({ name, role, types }) => ({ name, role, types })),
    ).toEqual([
      { name: 'ops', role: 'admin', types: undefined },
      { name: 'shop', role: 'producer', types: undefined },
      { name: 'mail', role: 'producer', types: ['email.send', 'system.noop'] },
    ]);
    expect(findApiKey(keys, 'b')?.name).toBe('shop');
    expect(findApiKey(keys, 'd')).toBeUndefined();
  });

  it('reads nothing from an unset or blank variable', () => {
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys(' ; ')).toEqual([]);
  });

  it.each([
    ['ops:admin', 'expected name:role:sha256hex'],
    [`ops:root:${hex('a')}`, 'has role "root"; use producer or admin'],
    ['ops:admin:abc', 'needs a SHA-256'],
    [`o*p:admin:${hex('a')}`, 'the name takes'],
    [`ops:producer:${hex('a')}:sms.send`, 'unknown job types: sms.send'],
    [`ops:admin:${hex('a')};ops:admin:${hex('b')}`, '"ops" is listed twice'],
  ])('refuses %s naming API_KEYS', (text, message) => {
    const error = configErrorOf(() => parseApiKeys(text));

    expect(error.code).toBe('config.invalid');
    expect(error.issues[0].path).toBe('API_KEYS');
    expect(error.message).toContain(message);
  });

  it('never repeats a hash in its message', () => {
    const error = configErrorOf(() => parseApiKeys(`ops:root:${hex('a')}`));

    expect(error.message).not.toContain(hex('a'));
  });
});
