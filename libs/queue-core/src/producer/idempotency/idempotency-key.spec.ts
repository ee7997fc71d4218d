import { bodyHashOf } from './body-hash';
import { idempotencyRecordKey } from './idempotency-key';

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
