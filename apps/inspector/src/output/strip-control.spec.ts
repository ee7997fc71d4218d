import { oneLine, stripControl } from './strip-control';

describe('stripControl', () => {
  it('removes escape sequences introducers, bells and DEL but keeps lines', () => {
    expect(stripControl('a\u001b[31mred\u0007\u007f\nb\tc')).toBe(
      'a[31mred\nb\tc',
    );
  });

  it('removes C1 controls and bidi overrides', () => {
    expect(stripControl('x\u009b2Jy\u202ez\u2066')).toBe('x2Jyz');
  });

  it('keeps ordinary Unicode', () => {
    expect(stripControl('café – 東京 ✓')).toBe('café – 東京 ✓');
  });
});

describe('oneLine', () => {
  it('turns newlines and tabs into spaces', () => {
    expect(oneLine('a\nb\tc\r')).toBe('a b c');
  });
});
