import { MAX_OUTPUT_PIXELS } from '@errand/contracts';
import {
  allowedOutputPixels,
  outputSizeOf,
  refuseOutputSize,
} from './output-size';

const photo = { width: 4_000, height: 3_000 };

describe('outputSizeOf', () => {
  it.each([
    [{ width: 400 }, { width: 400, height: 300 }],
    [{ height: 300 }, { width: 400, height: 300 }],
    [
      { width: 400, height: 400 },
      { width: 400, height: 300 },
    ],
    [
      { width: 400, height: 400, fit: 'inside' as const },
      { width: 400, height: 300 },
    ],
    [
      { width: 400, height: 400, fit: 'outside' as const },
      { width: 533, height: 400 },
    ],
    [
      { width: 400, height: 400, fit: 'cover' as const },
      { width: 400, height: 400 },
    ],
    [
      { width: 400, height: 400, fit: 'fill' as const },
      { width: 400, height: 400 },
    ],
    [
      { width: 400, height: 400, fit: 'contain' as const },
      { width: 400, height: 400 },
    ],
  ])('makes %j of a 4000x3000 input %j', (box, size) => {
    expect(outputSizeOf(photo, { base64: '', ...box })).toEqual(size);
  });

  it('follows a single side of a thin input far past the other', () => {
    expect(
      outputSizeOf({ width: 1, height: 1_000 }, { base64: '', width: 8_000 }),
    ).toEqual({ width: 8_000, height: 8_000_000 });
  });
});

describe('allowedOutputPixels', () => {
  it('lets any input grow to the minimum allowance', () => {
    expect(allowedOutputPixels(1, 'png')).toBe(4_000_000);
  });

  it('lets a larger input grow 16 times, up to the format cap', () => {
    expect(allowedOutputPixels(1_000_000, 'png')).toBe(16_000_000);
    expect(allowedOutputPixels(10_000_000, 'avif')).toBe(
      MAX_OUTPUT_PIXELS.avif,
    );
  });
});

describe('refuseOutputSize', () => {
  it('lets a downscale through', () => {
    expect(refuseOutputSize(photo, { base64: '', width: 800 })).toBeUndefined();
  });

  it('refuses a 1x1 input blown up to 7000x7000, saying why', () => {
    expect(
      refuseOutputSize(
        { width: 1, height: 1 },
        { base64: '', width: 7_000, height: 7_000, fit: 'fill', format: 'png' },
      ),
    ).toBe(
      "the output would be 7000x7000 (49000000 pixels) from a 1x1 input; the limit is 4000000 pixels, 16 times the input's 1 pixels (at least 4000000)",
    );
  });

  it('refuses a single side that makes the other one huge', () => {
    expect(
      refuseOutputSize(
        { width: 1_000, height: 20_000 },
        { base64: '', width: 8_000, format: 'jpeg' },
      ),
    ).toMatch(/the most a jpeg output may have/);
  });
});
