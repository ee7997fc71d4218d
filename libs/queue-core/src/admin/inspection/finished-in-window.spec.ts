import fc from 'fast-check';
import { finishedInWindow, type MinuteMetrics } from './finished-in-window';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 12:00:00 on some day, a minute boundary. */
const noon = Date.parse('2030-06-01T12:00:00.000Z');

const metrics = (
  prevTS: number,
  open: number,
  data: number[] = [],
): MinuteMetrics => ({
  meta: { count: 100 + open, prevTS, prevCount: 100 },
  data,
});

describe('finishedInWindow', () => {
  describe('when no job ever finished', () => {
    it('is 0', () => {
      const none = { meta: { count: 0, prevTS: 0, prevCount: 0 }, data: [] };

      expect(finishedInWindow(none, noon, HOUR)).toBe(0);
    });
  });

  describe('when jobs finished in the current minute', () => {
    it('counts them in the last minute and the last hour', () => {
      const now = noon + 20_000;
      const m = metrics(noon + 5_000, 3);

      expect(finishedInWindow(m, now, MINUTE)).toBe(3);
      expect(finishedInWindow(m, now, HOUR)).toBe(3);
    });
  });

  describe('when the minute before is closed', () => {
    it('counts the share of it the window covers', () => {
      // 12:00:15, with 8 jobs in 11:59 and 2 so far in 12:00.
      const now = noon + 15_000;
      const m = metrics(noon + 1_000, 2, [8]);

      // 11:59:15-11:59:59 is three quarters of 11:59: 6 of its 8.
      expect(finishedInWindow(m, now, MINUTE)).toBe(2 + 6);
      expect(finishedInWindow(m, now, HOUR)).toBe(10);
    });
  });

  describe('when no job finished for a while', () => {
    it('reads the open minute where it was, not at now', () => {
      // The last jobs finished at 11:30; now is 12:00:30.
      const m = metrics(noon - 30 * MINUTE, 4, [5, 0, 7]);

      expect(finishedInWindow(m, noon + 30_000, MINUTE)).toBe(0);
      expect(finishedInWindow(m, noon + 30_000, HOUR)).toBe(4 + 5 + 7);
    });

    it('leaves out minutes older than the window', () => {
      const m = metrics(noon - 90 * MINUTE, 4, [5]);

      expect(finishedInWindow(m, noon, HOUR)).toBe(0);
    });
  });

  it('never counts more in a window than in a longer one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { maxLength: 120 }),
        fc.nat(50),
        fc.integer({ min: 0, max: 3 * HOUR }),
        fc.integer({ min: 0, max: HOUR }),
        fc.integer({ min: 1, max: 2 * HOUR }),
        (data, open, sinceLast, shorter, extra) => {
          const now = noon + 7_777;
          const m = metrics(now - sinceLast, open, data);
          const a = finishedInWindow(m, now, shorter + 1);
          const b = finishedInWindow(m, now, shorter + 1 + extra);
          // Rounding may add at most one job to either side.
          expect(a).toBeLessThanOrEqual(b + 1);
          expect(a).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
