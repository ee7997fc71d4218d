import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';
import type { FieldIssue } from '../errors/field-issue';

/** Largest source image, decoded from base64 or fetched: 10 MiB. */
export const MAX_IMAGE_SOURCE_BYTES = 10 * 1024 * 1024;

/** Largest width or height asked for, in pixels. */
export const MAX_IMAGE_SIDE = 8_000;

const Side = Type.Integer({ minimum: 1, maximum: MAX_IMAGE_SIDE });

/** The output formats, webp when none is asked for. */
export type ImageFormat = 'webp' | 'jpeg' | 'png' | 'avif';

/** 4K UHD, 3840 x 2160: the most pixels a WebP or AVIF output may have. */
const UHD_PIXELS = 3_840 * 2_160;

/**
 * Largest output in pixels (width x height) per format. The WebP and AVIF
 * encoders hold the whole output in memory, with alpha about 50 bytes a
 * pixel: these caps keep the worst job of every format near the same peak,
 * about 1 GB of RSS (figures in docs/security.md). A payload giving both
 * sides over its format's cap is refused at enqueue; the worker checks the
 * size it works out from the input as well.
 */
export const MAX_OUTPUT_PIXELS: Readonly<Record<ImageFormat, number>> = {
  jpeg: 50_000_000,
  png: 50_000_000,
  webp: UHD_PIXELS,
  avif: UHD_PIXELS,
};

/**
 * How much larger than its input an output may be, in area. Enlarging a
 * tiny image costs as much as encoding a large one: a 110-byte PNG asked
 * for at 8000 x 8000 took 1.6 GB. The worker discards a job past it.
 */
export const MAX_OUTPUT_GROWTH = 16;

/**
 * What any input may be enlarged to, in pixels, however small it is (a
 * 16 x 16 icon to 2000 x 2000): the growth limit only applies above it.
 */
export const MIN_OUTPUT_PIXEL_ALLOWANCE = 4_000_000;

/**
 * One image to resize. The source is `url` (fetched through the worker's
 * outbound guard) or `base64`; give exactly one, or the worker discards the
 * job. At least one of `width` and `height`. The output may have at most
 * its format's {@link MAX_OUTPUT_PIXELS}, and at most
 * {@link MAX_OUTPUT_GROWTH} times the input's pixels (or
 * {@link MIN_OUTPUT_PIXEL_ALLOWANCE}, if more).
 */
export const ImageResizePayload = Type.Object(
  {
    url: Type.Optional(Type.String({ format: 'outbound-url' })),
    base64: Type.Optional(
      Type.String({
        maxLength: Math.ceil(MAX_IMAGE_SOURCE_BYTES / 3) * 4,
        pattern: '^[A-Za-z0-9+/]*={0,2}$',
      }),
    ),
    width: Type.Optional(Side),
    height: Type.Optional(Side),
    fit: Type.Optional(
      Type.Union(
        [
          Type.Literal('cover'),
          Type.Literal('contain'),
          Type.Literal('fill'),
          Type.Literal('inside'),
          Type.Literal('outside'),
        ],
        {
          description:
            "How the image fits the box, in sharp's terms; inside by default.",
        },
      ),
    ),
    format: Type.Optional(
      Type.Union(
        [
          Type.Literal('webp'),
          Type.Literal('jpeg'),
          Type.Literal('png'),
          Type.Literal('avif'),
        ],
        {
          description: 'Output format; webp by default.',
        },
      ),
    ),
    quality: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type ImageResizePayload = Static<typeof ImageResizePayload>;

/**
 * The checks a schema cannot state, across fields: with both sides given,
 * their product against the format's {@link MAX_OUTPUT_PIXELS}. Issue paths
 * are relative to the payload.
 */
export function imageResizePayloadIssues(
  payload: ImageResizePayload,
): FieldIssue[] {
  const { width, height } = payload;
  const format = payload.format ?? 'webp';
  const cap = MAX_OUTPUT_PIXELS[format];
  if (width === undefined || height === undefined || width * height <= cap) {
    return [];
  }
  const message = `width x height is ${width * height} pixels; a ${format} output may have at most ${cap}`;
  return [
    { path: '/width', message },
    { path: '/height', message },
  ];
}

/** Where the resized image was written, and what it is. */
const ImageResizeResult = Type.Object(
  {
    path: Type.String(),
    format: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    bytes: Type.Integer(),
  },
  { additionalProperties: false },
);
type ImageResizeResult = Static<typeof ImageResizeResult>;

/** `image.resize`: resizes one image into the worker's output folder. */
export const imageResizeJob = defineJob({
  description:
    'Resizes one image (by URL or base64) with sharp into the output folder. The output is at most 50 Mpx as JPEG or PNG, 3840 x 2160 pixels as WebP or AVIF, and 16 times the input area (4 Mpx whatever the input).',
  payload: ImageResizePayload,
  result: ImageResizeResult,
  version: 1,
  example: {
    url: 'https://example.com/photo.jpg',
    width: 320,
    format: 'webp',
  },
  defaults: { retries: 3, priority: 0, timeoutMs: 60_000 },
});
