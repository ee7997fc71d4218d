import { describeVerdict, judgeFlowRounds, median } from './flow-rounds';

const drain = (
  perSecond: number,
  cpuMicrosPerJob = 200,
  callsPerJob = 34,
  redisMicrosPerJob = 70,
) => ({
  perSecond,
  cpuMicrosPerJob,
  callsPerJob,
  redisMicrosPerJob,
});

describe('judgeFlowRounds', () => {
  it('takes the median of the rounds’ ratios, not the ratio of medians', () => {
    const verdict = judgeFlowRounds(
      [
        { limited: drain(900), plain: drain(1_000) },
        { limited: drain(3_000), plain: drain(1_500) },
        { limited: drain(950), plain: drain(1_000) },
      ],
      0.1,
    );

    expect(verdict.drainRatio).toBeCloseTo(0.95);
    expect(verdict.drainRatioRange).toEqual([0.9, 2]);
    expect(verdict.met).toBe(true);
  });

  it('says the bound is not met when the median ratio is below it', () => {
    const verdict = judgeFlowRounds(
      [
        { limited: drain(800, 240, 39, 80), plain: drain(1_000, 200, 34, 70) },
        { limited: drain(850, 230, 39, 77), plain: drain(1_000, 190, 34, 70) },
      ],
      0.1,
    );

    expect(verdict.met).toBe(false);
    expect(verdict.cpuRatio).toBeCloseTo(1.21, 2);
    expect(verdict.limited.callsPerJob).toBe(39);
    expect(verdict.redisRatio).toBeCloseTo(1.14, 2);
    expect(describeVerdict(verdict, 0.1)).toContain(
      'Redis time in them 80 against 70 µs (1.14×)',
    );
    expect(describeVerdict(verdict, 0.1)).toContain('is NOT met');
  });
});

describe('median', () => {
  it('is the middle value, the upper one of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBeNaN();
  });
});
