import {
  childTraceparent,
  newTraceparent,
  parseTraceparent,
  traceIdOf,
} from './traceparent';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('parseTraceparent', () => {
  it('reads the trace id, span id and flags of a valid header', () => {
    expect(parseTraceparent(VALID)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: '01',
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another version', VALID.replace(/^00/, '01')],
    ['upper case', VALID.toUpperCase()],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    [
      'an all-zero span id',
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`,
    ],
    [
      'a short trace id',
      '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01',
    ],
    ['trailing data', `${VALID}-extra`],
    ['not hex', VALID.replace('4bf9', 'zzzz')],
  ])('refuses %s', (_case, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});

describe('newTraceparent', () => {
  it('starts a valid, sampled trace with fresh ids each time', () => {
    const first = newTraceparent();
    const second = newTraceparent();

    expect(first).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(parseTraceparent(first)).toBeDefined();
    expect(traceIdOf(first)).not.toBe(traceIdOf(second));
  });
});

describe('childTraceparent', () => {
  it('keeps the trace id and flags, with a new span id', () => {
    const child = childTraceparent(VALID);

    expect(parseTraceparent(child)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: expect.not.stringMatching('00f067aa0ba902b7'),
      flags: '01',
    });
  });

  it('starts a new trace when the parent is missing or malformed', () => {
    expect(parseTraceparent(childTraceparent(undefined))).toBeDefined();
    expect(parseTraceparent(childTraceparent('garbage'))).toBeDefined();
  });
});
