import { parseDuration, parseSince } from './parse-duration';
import { parseRate } from './parse-rate';
import { redactedPaths } from './job-export';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['7', '1w', '-1h', 'h', '1.5h'])('refuses %s', text => {
    expect(() => parseDuration(text)).toThrow(/such as 90s/);
  });
});

describe('parseSince', () => {
  it('reads an ISO time as itself', () => {
    expect(parseSince('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads an age as that long before now', () => {
    const at = Date.parse(parseSince('1h'));
    expect(Math.abs(Date.now() - 3_600_000 - at)).toBeLessThan(1_000);
  });
});

describe('parseRate', () => {
  it('reads N and N/s', () => {
    expect(parseRate('20')).toBe(20);
    expect(parseRate('20/s')).toBe(20);
  });

  it.each(['0', '1001', '2.5', 'fast'])('refuses %s', text => {
    expect(() => parseRate(text)).toThrow(/jobs per second/);
  });
});

describe('redactedPaths', () => {
  it('names every redacted value by JSON pointer', () => {
    expect(
      redactedPaths({
        to: 'a@example.com',
        text: '[redacted]',
        attachments: [{ name: 'a', content: '[redacted]' }],
        'a/b': '[redacted]',
      }),
    ).toEqual(['/text', '/attachments/0/content', '/a~1b']);
  });

  it('finds none in a complete payload', () => {
    expect(redactedPaths({ ms: 5 })).toEqual([]);
  });
});
