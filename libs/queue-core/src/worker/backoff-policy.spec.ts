import fc from 'fast-check';
import type { BackoffPolicy } from '@errand/contracts';
import {
  backoffDelay,
  backoffProblem,
  exponentialPolicy,
  type CustomBackoff,
} from './backoff-policy';
import { DEFAULT_RETRY_POLICY, retryDelay } from '../store/retry/retry-policy';

const attempt = fc.integer({ min: 1, max: 10_000 });
const delayMs = fc.integer({ min: 0, max: 1_000_000_000 });
const ratio = fc.double({ min: 0, max: 1, noNaN: true });
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const failure = new Error('boom');

describe('backoffDelay', () => {
  describe('with a fixed policy', () => {
    it('waits the same whatever the attempt, without jitter', () => {
      fc.assert(
        fc.property(delayMs, attempt, attempt, (delay, m, n) => {
          const policy: BackoffPolicy = {
            strategy: 'fixed',
            delayMs: delay,
            jitter: 0,
          };
          expect(backoffDelay(policy, m, failure)).toBe(delay);
          expect(backoffDelay(policy, n, failure)).toBe(delay);
        }),
      );
    });

    it('stays within [delay · (1 − jitter), delay] with jitter', () => {
      fc.assert(
        fc.property(delayMs, ratio, attempt, random, (delay, j, n, draw) => {
          const policy: BackoffPolicy = {
            strategy: 'fixed',
            delayMs: delay,
            jitter: j,
          };
          const waited = backoffDelay(policy, n, failure, {}, () => draw);
          expect(Number.isInteger(waited)).toBe(true);
          expect(waited).toBeLessThanOrEqual(delay);
          expect(waited).toBeGreaterThanOrEqual(delay * (1 - j));
        }),
      );
    });
  });

  describe('with an exponential policy', () => {
    it('is what the global retry policy gives', () => {
      fc.assert(
        fc.property(attempt, random, (n, draw) => {
          expect(
            backoffDelay(
              exponentialPolicy(DEFAULT_RETRY_POLICY),
              n,
              failure,
              {},
              () => draw,
            ),
          ).toBe(retryDelay(n, DEFAULT_RETRY_POLICY, () => draw));
        }),
      );
    });

    it('never exceeds its cap', () => {
      fc.assert(
        fc.property(attempt, random, (n, draw) => {
          const policy: BackoffPolicy = {
            strategy: 'exponential',
            baseMs: 10,
            capMs: 5_000,
            jitter: 0.5,
          };
          expect(
            backoffDelay(policy, n, failure, {}, () => draw),
          ).toBeLessThanOrEqual(5_000);
        }),
      );
    });
  });

  describe('with a custom policy', () => {
    const policy: BackoffPolicy = { strategy: 'custom', name: 'linear' };

    it('calls the registered function with the attempt and the error', () => {
      const linear = jest.fn<number, Parameters<CustomBackoff>>(n => n * 100);

      expect(backoffDelay(policy, 3, failure, { linear })).toBe(300);
      expect(linear).toHaveBeenCalledWith(3, failure);
    });

    it.each([
      ['a negative delay', -5, 0],
      ['a fraction', 12.2, 13],
      ['NaN', Number.NaN, 0],
      ['Infinity', Number.POSITIVE_INFINITY, 0],
    ])('turns %s into whole, non-negative ms', (_, returned, expected) => {
      expect(backoffDelay(policy, 1, failure, { linear: () => returned })).toBe(
        expected,
      );
    });
  });
});

describe('backoffProblem', () => {
  it('accepts the default policy and a registered custom one', () => {
    expect(backoffProblem(exponentialPolicy(DEFAULT_RETRY_POLICY), {})).toBe(
      undefined,
    );
    expect(
      backoffProblem({ strategy: 'custom', name: 'x' }, { x: () => 1 }),
    ).toBe(undefined);
  });

  it.each<[string, BackoffPolicy, string]>([
    [
      'an unregistered custom strategy',
      { strategy: 'custom', name: 'nope' },
      'no custom backoff named "nope"',
    ],
    [
      'a jitter above 1',
      { strategy: 'fixed', delayMs: 10, jitter: 1.5 },
      'jitter 1.5',
    ],
    [
      'a negative fixed delay',
      { strategy: 'fixed', delayMs: -1, jitter: 0 },
      'delayMs -1',
    ],
    [
      'a cap below the base',
      { strategy: 'exponential', baseMs: 100, capMs: 10, jitter: 0 },
      'capMs 10',
    ],
  ])('names %s', (_, policy, problem) => {
    expect(backoffProblem(policy, {})).toContain(problem);
  });
});
