import fc from 'fast-check';
import {
  attemptsFor,
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type RetryPolicy,
} from './retry-policy';

const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const withoutJitter: RetryPolicy = { ...DEFAULT_RETRY_POLICY, jitter: 0 };

describe('retryDelay', () => {
  describe('with the default policy', () => {
    it('waits 800 to 1 000 ms after the first failure', () => {
      fc.assert(
        fc.property(random, draw => {
          const delay = retryDelay(1, DEFAULT_RETRY_POLICY, () => draw);
          expect(delay).toBeGreaterThanOrEqual(800);
          expect(delay).toBeLessThanOrEqual(1_000);
        }),
      );
    });

    it('draws its jitter from Math.random when given none', () => {
      const spy = jest.spyOn(Math, 'random').mockReturnValue(0.5);
      try {
        expect(retryDelay(1)).toBe(900);
      } finally {
        spy.mockRestore();
      }
    });

    it('never waits longer than 5 minutes', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000 }), random, (n, draw) => {
          expect(
            retryDelay(n, DEFAULT_RETRY_POLICY, () => draw),
          ).toBeLessThanOrEqual(300_000);
        }),
      );
    });
  });

  describe('without jitter', () => {
    it('doubles from 1 s and stops at 5 minutes', () => {
      const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 25].map(n =>
        retryDelay(n, withoutJitter),
      );

      expect(delays).toEqual([
        1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000,
        300_000, 300_000, 300_000,
      ]);
    });
  });

  describe('with a custom policy', () => {
    it('uses its base and cap', () => {
      const policy = { baseMs: 50, capMs: 200, jitter: 0 };

      expect([1, 2, 3, 4].map(n => retryDelay(n, policy))).toEqual([
        50, 100, 200, 200,
      ]);
    });
  });
});

describe('attemptsFor', () => {
  it('allows one attempt more than the retries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 25 }), retries => {
        expect(attemptsFor(retries)).toBe(retries + 1);
      }),
    );
  });
});
