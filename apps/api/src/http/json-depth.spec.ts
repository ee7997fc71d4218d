import type { Request, Response } from 'express';
import { MAX_JSON_DEPTH, refuseDeepJson } from './json-depth';

/** Arrays nested `depth` levels: `[[…]]`. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

function check(body: unknown): unknown {
  let passed = false;
  try {
    refuseDeepJson({ body } as Request, {} as Response, () => (passed = true));
  } catch (error) {
    return error;
  }
  return passed ? 'next' : 'nothing';
}

describe('refuseDeepJson', () => {
  it.each([undefined, null, 'text', 42, {}, nested(MAX_JSON_DEPTH)])(
    'passes %p on',
    body => expect(check(body)).toBe('next'),
  );

  it('refuses one level more than the limit as contract.invalidRequest', () => {
    expect(check(nested(MAX_JSON_DEPTH + 1))).toMatchObject({
      code: 'contract.invalidRequest',
      message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`),
    });
  });

  it('walks 1 000 000 levels without overflowing the stack', () => {
    expect(check(nested(1_000_000))).toMatchObject({
      code: 'contract.invalidRequest',
    });
  });

  it('counts objects and arrays alike, wherever the deep branch is', () => {
    const body = { a: 1, b: [{ c: { d: nested(MAX_JSON_DEPTH - 3) } }] };
    expect(check(body)).toMatchObject({ code: 'contract.invalidRequest' });
  });
});
