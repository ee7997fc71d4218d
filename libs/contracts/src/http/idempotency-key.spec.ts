import { ErrandError } from '../errors/errand-error';
import { parseIdempotencyKey } from './idempotency-key';

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
