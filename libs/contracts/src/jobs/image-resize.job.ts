import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';

/** Largest source image, decoded from base64 or fetched: 10 MiB. */
export const MAX_IMAGE_SOURCE_BYTES = 10 * 1024 * 1024;

/** Largest width or height asked for, in pixels. */
export const MAX_IMAGE_SIDE = 8_000;

const Side = Type.Integer({ minimum: 1, maximum: MAX_IMAGE_SIDE });

/**
 * One image to resize. The source is `url` (fetched through the worker's
 * outbound guard) or `base64`; give exactly one, or the worker discards the
 * job. At least one of `width` and `height`.
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

/** Where the resized image was written, and what it is. */
export const ImageResizeResult = Type.Object(
  {
    path: Type.String(),
    format: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    bytes: Type.Integer(),
  },
  { additionalProperties: false },
);
export type ImageResizeResult = Static<typeof ImageResizeResult>;

/** `image.resize`: resizes one image into the worker's output folder. */
export const imageResizeJob = defineJob({
  description:
    'Resizes one image (by URL or base64) with sharp into the output folder.',
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
