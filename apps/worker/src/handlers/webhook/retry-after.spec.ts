import { retryAfterMs } from './retry-after';

describe('retryAfterMs', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('reads a delay in seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(retryAfterMs('Tue, 01 Jan 2030 00:01:30 GMT', now)).toBe(90_000);
  });

  it('counts a date in the past as no wait', () => {
    expect(retryAfterMs('Mon, 31 Dec 2029 23:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, '', 'soon', '-5', '1.5'])(
    'ignores %j, so the backoff applies',
    header => {
      expect(retryAfterMs(header, now)).toBeUndefined();
    },
  );

  it('takes the first of repeated headers', () => {
    expect(retryAfterMs(['5', '60'], now)).toBe(5_000);
  });
});
