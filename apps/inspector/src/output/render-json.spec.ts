import { renderJson } from './render-json';

describe('renderJson', () => {
  const value = {
    error: 'a\nb\u001b[2J\u009b2J\u007f\u2028\u202ec',
    nested: [{ 'k\u0085': 1 }],
  };

  it('parses back to the same value', () => {
    expect(JSON.parse(renderJson(value))).toEqual(value);
  });

  it('prints no control character a terminal would act on', () => {
    const text = renderJson(value).replace(/\n {0,8}/g, '');
    // eslint-disable-next-line no-control-regex -- finding them is the point
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(text).toContain('a\\nb\\u001b[2J\\u009b2J\\u007f\\u2028\\u202ec');
  });
});
