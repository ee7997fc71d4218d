import { ContractViolationError } from '../errors/contract-violation-error';
import { parseJobTypeLimits } from './parse-job-type-limits';

const valid = {
  rateLimit: { max: 10, durationMs: 1_000 },
  maxConcurrent: 5,
  perKeyConcurrency: 2,
};

function issuePaths(body: unknown): string[] {
  try {
    parseJobTypeLimits(body);
  } catch (error) {
    if (error instanceof ContractViolationError) {
      return error.issues.map(issue => issue.path);
    }
    throw error;
  }
  throw new Error('accepted');
}

describe('parseJobTypeLimits', () => {
  it('accepts every limit set, and every limit off', () => {
    expect(parseJobTypeLimits(valid)).toEqual(valid);
    const off = {
      rateLimit: null,
      maxConcurrent: null,
      perKeyConcurrency: null,
    };
    expect(parseJobTypeLimits(off)).toEqual(off);
  });

  describe('when a value is out of bounds', () => {
    it.each([
      ['a zero cap', { ...valid, maxConcurrent: 0 }, '/maxConcurrent'],
      [
        'a negative cap',
        { ...valid, perKeyConcurrency: -1 },
        '/perKeyConcurrency',
      ],
      ['a fractional cap', { ...valid, maxConcurrent: 1.5 }, '/maxConcurrent'],
      [
        'a zero rate',
        { ...valid, rateLimit: { max: 0, durationMs: 1 } },
        '/rateLimit/max',
      ],
      [
        'a fractional window',
        { ...valid, rateLimit: { max: 1, durationMs: 0.5 } },
        '/rateLimit/durationMs',
      ],
      [
        'a missing field',
        { rateLimit: null, maxConcurrent: null },
        '/perKeyConcurrency',
      ],
      ['an unknown field', { ...valid, burst: 3 }, '/burst'],
    ])('refuses %s, naming the field', (_name, body, path) => {
      expect(issuePaths(body)).toContain(path);
    });
  });
});
