import { escapeControl, escapeControlLines } from './escape-control';

describe('escapeControl', () => {
  it.each([
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\r\\nb'],
    ['a\tb', 'a\\tb'],
    ['\u001b[2J\u001b]0;pwned\u0007', '\\x1b[2J\\x1b]0;pwned\\x07'],
    ['nul\u0000del\u007f', 'nul\\x00del\\x7f'],
    ['c1\u0085\u009b2J', 'c1\\x85\\x9b2J'],
    ['ls\u2028ps\u2029', 'ls\\u2028ps\\u2029'],
    ['bidi\u202eabc\u2066\u200f', 'bidi\\u202eabc\\u2066\\u200f'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeControl(text)).toBe(escaped);
  });

  it('leaves ordinary text, Unicode and backslashes as they are', () => {
    const text = 'café – 東京 ✓ C:\\temp "q" \'s\' 🙂';
    expect(escapeControl(text)).toBe(text);
  });
});

describe('escapeControlLines', () => {
  it('keeps the lines and escapes what is inside them', () => {
    expect(
      escapeControlLines('Error: a\r\u001b[1m\n    at f (x.ts:1:1)'),
    ).toEqual(['Error: a\\r\\x1b[1m', '    at f (x.ts:1:1)']);
  });
});
