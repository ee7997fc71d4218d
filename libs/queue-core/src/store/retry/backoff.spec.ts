import fc from 'fast-check';
import { exponential, fixed, withJitter } from './backoff';

const attempt = fc.integer({ min: 1, max: 10_000 });
const baseMs = fc.integer({ min: 1, max: 1_000_000 });
const capMs = fc.integer({ min: 1, max: 1_000_000_000 });
const delayMs = fc.integer({ min: 0, max: 1_000_000_000 });
const ratio = fc.double({ min: 0, max: 1, noNaN: true });
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('exponential', () => {
  it('never shrinks from one attempt to the next', () => {
    fc.assert(
      fc.property(attempt, baseMs, capMs, (n, base, cap) => {
        expect(exponential(n + 1, base, cap)).toBeGreaterThanOrEqual(
          exponential(n, base, cap),
        );
      }),
    );
  });

  it('never exceeds the cap, however many attempts failed', () => {
    fc.assert(
      fc.property(attempt, baseMs, capMs, (n, base, cap) => {
        expect(exponential(n, base, cap)).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it('is base · 2^(attempt − 1) while that stays under the cap', () => {
    const headroom = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        baseMs,
        headroom,
        (n, base, extra) => {
          const uncapped = base * 2 ** (n - 1);
          expect(exponential(n, base, uncapped + extra)).toBe(uncapped);
        },
      ),
    );
  });

  it('treats an attempt below 1 as the first', () => {
    expect(exponential(0, 1_000, 300_000)).toBe(1_000);
    expect(exponential(-3, 1_000, 300_000)).toBe(1_000);
  });
});

describe('withJitter', () => {
  it('stays within [delay · (1 − ratio), delay] for whole milliseconds', () => {
    fc.assert(
      fc.property(delayMs, ratio, random, (delay, r, draw) => {
        const jittered = withJitter(delay, r, () => draw);
        expect(Number.isInteger(jittered)).toBe(true);
        expect(jittered).toBeLessThanOrEqual(delay);
        expect(jittered).toBeGreaterThanOrEqual(delay * (1 - r));
      }),
    );
  });

  it('keeps the whole delay when the draw is 0', () => {
    expect(withJitter(1_000, 0.2, () => 0)).toBe(1_000);
  });

  it('takes ratio · draw off the delay', () => {
    expect(withJitter(1_000, 0.2, () => 0.5)).toBe(900);
  });

  it('never takes more than the ratio off a short delay', () => {
    expect(withJitter(1, 0.5, () => 0.999_999)).toBe(1);
  });

  it('leaves the delay alone when the ratio is 0', () => {
    fc.assert(
      fc.property(delayMs, random, (delay, draw) => {
        expect(withJitter(delay, 0, () => draw)).toBe(delay);
      }),
    );
  });
});

describe('fixed', () => {
  it('returns the same delay whatever the attempt', () => {
    expect(fixed(2_500)).toBe(2_500);
  });

  it('is constant: any delay comes back unchanged', () => {
    fc.assert(
      fc.property(delayMs, delay => {
        expect(fixed(delay)).toBe(delay);
      }),
    );
  });

  it('with jitter stays within [delay · (1 − ratio), delay]', () => {
    fc.assert(
      fc.property(delayMs, ratio, random, (delay, r, draw) => {
        const jittered = withJitter(fixed(delay), r, () => draw);
        expect(jittered).toBeLessThanOrEqual(delay);
        expect(jittered).toBeGreaterThanOrEqual(delay * (1 - r));
      }),
    );
  });
});
