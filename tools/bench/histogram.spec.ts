import { Histogram } from './histogram';

describe('Histogram', () => {
  describe('when it holds samples', () => {
    const histogram = new Histogram();
    for (let ms = 100; ms >= 1; ms--) histogram.record(ms);

    it('reads percentiles by nearest rank, whatever the recording order', () => {
      expect(histogram.percentile(50)).toBe(50);
      expect(histogram.percentile(99)).toBe(99);
      expect(histogram.percentile(100)).toBe(100);
      expect(histogram.percentile(0)).toBe(1);
    });

    it('sums up count, p50, p95, p99 and max', () => {
      expect(histogram.summary()).toEqual({
        count: 100,
        p50: 50,
        p95: 95,
        p99: 99,
        max: 100,
      });
    });
  });

  describe('when it is empty', () => {
    it('has no percentiles', () => {
      expect(new Histogram().percentile(50)).toBeNaN();
    });
  });
});
