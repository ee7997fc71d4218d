import {
  MAX_OUTPUT_GROWTH,
  MAX_OUTPUT_PIXELS,
  MIN_OUTPUT_PIXEL_ALLOWANCE,
  type ImageFormat,
  type ImageResizePayload,
} from '@errand/contracts';

/** Width and height in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The size sharp's `resize` makes of an `input` (already turned upright)
 * for the payload's box and fit; at least one side is given. `inside` and
 * `outside` keep the aspect ratio, so `outside` may exceed the box, and a
 * single side sets the other from the input.
 */
export function outputSizeOf(
  input: ImageSize,
  { width, height, fit = 'inside' }: ImageResizePayload,
): ImageSize {
  const scaleWidth = width === undefined ? undefined : width / input.width;
  const scaleHeight = height === undefined ? undefined : height / input.height;
  if (scaleWidth !== undefined && scaleHeight !== undefined) {
    if (fit === 'inside' || fit === 'outside') {
      const pick = fit === 'inside' ? Math.min : Math.max;
      return scaled(input, pick(scaleWidth, scaleHeight));
    }
    return { width: width as number, height: height as number };
  }
  return scaled(input, (scaleWidth ?? scaleHeight) as number);
}

function scaled({ width, height }: ImageSize, scale: number): ImageSize {
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * The most pixels an output may have from an input of `inputPixels`: the
 * format's cap, and no more than {@link MAX_OUTPUT_GROWTH} times the input
 * unless that is under {@link MIN_OUTPUT_PIXEL_ALLOWANCE}.
 */
export function allowedOutputPixels(
  inputPixels: number,
  format: ImageFormat,
): number {
  const growth = Math.max(
    MIN_OUTPUT_PIXEL_ALLOWANCE,
    MAX_OUTPUT_GROWTH * inputPixels,
  );
  return Math.min(MAX_OUTPUT_PIXELS[format], growth);
}

/**
 * Why the payload asks too much of this input, or undefined when it may
 * go ahead: the reason the job is discarded with.
 */
export function refuseOutputSize(
  input: ImageSize,
  payload: ImageResizePayload,
): string | undefined {
  const format = payload.format ?? 'webp';
  const output = outputSizeOf(input, payload);
  const pixels = output.width * output.height;
  const inputPixels = input.width * input.height;
  const allowed = allowedOutputPixels(inputPixels, format);
  if (pixels <= allowed) return undefined;
  const cap = MAX_OUTPUT_PIXELS[format];
  const rule =
    allowed === cap
      ? `the most a ${format} output may have`
      : `${MAX_OUTPUT_GROWTH} times the input's ${inputPixels} pixels (at least ${MIN_OUTPUT_PIXEL_ALLOWANCE})`;
  return `the output would be ${output.width}x${output.height} (${pixels} pixels) from a ${input.width}x${input.height} input; the limit is ${allowed} pixels, ${rule}`;
}
