import { toError } from './to-error';

describe('toError', () => {
  it('keeps an Error as it is', () => {
    const error = new TypeError('no');

    expect(toError(error)).toBe(error);
  });

  it('uses a thrown string as the message', () => {
    expect(toError('the disk is full').message).toBe('the disk is full');
  });

  it.each([
    [
      { reason: 'bad' },
      'The handler threw a non-Error value: {"reason":"bad"}',
    ],
    [null, 'The handler threw a non-Error value: null'],
    [undefined, 'The handler threw a non-Error value: undefined'],
    [42, 'The handler threw a non-Error value: 42'],
  ])('describes a thrown %p', (thrown, message) => {
    expect(toError(thrown).message).toBe(message);
  });

  it('describes a value JSON cannot write', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    expect(toError(circular).message).toBe(
      'The handler threw a non-Error value: [object Object]',
    );
  });
});
