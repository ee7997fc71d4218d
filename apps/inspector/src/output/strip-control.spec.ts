import { indentedLines, oneLine } from './strip-control';

describe('oneLine', () => {
  it('escapes line feeds, tabs, escape sequences, bells and DEL', () => {
    expect(oneLine('a\u001b[31mred\u0007\u007f\nb\tc\r')).toBe(
      'a\\x1b[31mred\\x07\\x7f\\nb\\tc\\r',
    );
  });

  it('escapes C1 controls, line separators and bidi overrides', () => {
    expect(oneLine('x\u009b2Jy\u202ez\u2066\u2028')).toBe(
      'x\\x9b2Jy\\u202ez\\u2066\\u2028',
    );
  });

  it('keeps ordinary Unicode', () => {
    expect(oneLine('café – 東京 ✓')).toBe('café – 東京 ✓');
  });
});

describe('indentedLines', () => {
  it('indents every line after the first and escapes each', () => {
    expect(
      indentedLines('Invalid:\n  REDIS_URL: bad\ninfo [worker] x\u001b[2J\r'),
    ).toBe('Invalid:\n    REDIS_URL: bad\n  info [worker] x\\x1b[2J\\r');
  });

  it('leaves a one-line message as it is', () => {
    expect(indentedLines('No job has the id "abc".')).toBe(
      'No job has the id "abc".',
    );
  });
});
