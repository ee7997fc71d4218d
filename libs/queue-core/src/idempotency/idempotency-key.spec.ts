import { ErrandError } from '@errand/contracts';
import { bodyHashOf } from './body-hash';
import { idempotencyRecordKey, parseIdempotencyKey } from './idempotency-key';

describe('parseIdempotencyKey', () => {
  it('is undefined when the header is absent', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each(['a', 'order-42/attempt 1', '~'.repeat(255)])(
    'keeps the valid key %j as sent',
    key => {
      expect(parseIdempotencyKey(key)).toBe(key);
    },
  );

  it.each([
    ['empty', ''],
    ['256 characters long', 'k'.repeat(256)],
    ['not ASCII', 'clé'],
    ['holding a tab', 'a\tb'],
  ])('rejects a key that is %s, naming the header', (_, key) => {
    const error = (() => {
      try {
        return parseIdempotencyKey(key);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(ErrandError);
    expect(error).toMatchObject({
      code: 'request.invalidParameter',
      message: expect.stringContaining('Idempotency-Key'),
      issues: [
        { path: '/headers/idempotency-key', message: expect.any(String) },
      ],
    });
  });
});

describe('idempotencyRecordKey', () => {
  it('stores the hash of the key under the prefix, as its own hash tag', () => {
    const key = idempotencyRecordKey('secret-order-42', { prefix: 'errand' });

    expect(key).toMatch(/^errand:idempotency:\{[0-9a-f]{64}\}$/);
    expect(key).not.toContain('secret');
  });

  it('gives each scope its own record for the same key', () => {
    const naming = { prefix: 'errand' };
    const unscoped = idempotencyRecordKey('k', naming);

    expect(idempotencyRecordKey('k', naming, 'shop')).not.toBe(unscoped);
    expect(idempotencyRecordKey('k', naming, 'shop')).not.toBe(
      idempotencyRecordKey('k', naming, 'billing'),
    );
    expect(idempotencyRecordKey('k', naming, 'shop')).toBe(
      idempotencyRecordKey('k', naming, 'shop'),
    );
  });
});

describe('bodyHashOf', () => {
  const hash = (body: unknown) => bodyHashOf(body, 'secret');

  it('ignores key order at every level', () => {
    expect(hash({ a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(
      hash({ b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }),
    );
  });

  it('tells different values, and array orders, apart', () => {
    expect(hash({ a: 1 })).not.toBe(hash({ a: 2 }));
    expect(hash({ a: '1' })).not.toBe(hash({ a: 1 }));
    expect(hash([1, 2])).not.toBe(hash([2, 1]));
  });

  it('gives another hash under another secret', () => {
    expect(bodyHashOf({ a: 1 }, 'one')).not.toBe(bodyHashOf({ a: 1 }, 'two'));
  });
});
