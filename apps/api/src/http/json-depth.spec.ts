import { MAX_JSON_DEPTH, nestsDeeperThan, tooDeepError } from './json-depth';

/** Arrays nested `depth` levels, as JSON text: `[[…]]`. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const deeperThan = (text: string, max = MAX_JSON_DEPTH) =>
  nestsDeeperThan(Buffer.from(text), max);

describe('nestsDeeperThan', () => {
  it.each(['', 'null', '"text"', '42', '{}', '[]', '{"a":[1,{"b":2}]}'])(
    'passes the shallow %p',
    text => expect(deeperThan(text)).toBe(false),
  );

  it('passes exactly the limit and refuses one level more', () => {
    expect(deeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(deeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('counts objects and arrays alike, wherever the deep branch is', () => {
    const deep = (levels: number) =>
      `{"a":1,"b":[{"c":{"d":${nested(levels)}}}]}`;
    expect(deeperThan(deep(MAX_JSON_DEPTH - 4))).toBe(false);
    expect(deeperThan(deep(MAX_JSON_DEPTH - 3))).toBe(true);
  });

  it('counts siblings at their own depth, not added up', () => {
    const siblings = `[${Array(1_000).fill(nested(3)).join(',')}]`;
    expect(deeperThan(siblings, 4)).toBe(false);
  });

  it('does not count brackets inside strings', () => {
    const text = JSON.stringify({ s: '[[[[{{{{', t: ['}}}]]]'] });
    expect(deeperThan(text, 2)).toBe(false);
    expect(deeperThan(text, 1)).toBe(true);
  });

  it('sees through escaped quotes, but not through an escaped backslash', () => {
    // "a\"[[[" is one string; in "a\\" the quote closes it and [[[ counts.
    expect(deeperThan(JSON.stringify(['a"[[[', 'x']), 1)).toBe(false);
    expect(deeperThan(JSON.stringify(['a\\', [[[]]]]), 3)).toBe(true);
    expect(deeperThan(JSON.stringify(['a\\"[[[[', 1]), 1)).toBe(false);
  });

  it('ignores the brackets of a string that never closes', () => {
    expect(deeperThan(`["${'['.repeat(100)}`, 1)).toBe(false);
  });

  it('skips multi-byte UTF-8 characters', () => {
    expect(deeperThan(JSON.stringify({ 'é€😀': ['ü'] }), 2)).toBe(false);
  });

  it('refuses 10^6 nested [ after the first levels too deep', () => {
    // One million levels would take hundreds of ms to parse; refusing
    // them reads only MAX_JSON_DEPTH + 1 bytes: time is no measure here,
    // so the proof is a body that is not even JSON after that point.
    const body = Buffer.from(nested(1_000_000));
    body[MAX_JSON_DEPTH + 1] = 0x22; // an unclosed string would hide the rest
    expect(nestsDeeperThan(body, MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('tooDeepError', () => {
  it('is a contract.invalidRequest naming the limit', () => {
    expect(tooDeepError()).toMatchObject({
      code: 'contract.invalidRequest',
      message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`),
    });
  });
});
