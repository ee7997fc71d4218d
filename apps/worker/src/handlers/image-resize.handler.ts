import {
  completed,
  discard,
  type ImageResizePayload,
  type JobHandler,
  MAX_IMAGE_SOURCE_BYTES,
} from '@errand/contracts';
import { loadSharp } from './image/load-sharp';
import { refuseOutputSize } from './image/output-size';
import { loadSource } from './outbound/load-source';
import type { OutboundPolicy } from './outbound/outbound-policy';
import { OutboundRefusedError } from './outbound/outbound-refused-error';
import { writeOutputFile } from './output/output-file';

/**
 * Largest input image in pixels (width x height), against decompression
 * bombs: a small file that decodes to gigabytes. 50 Mpx covers any camera.
 */
const MAX_INPUT_PIXELS = 50_000_000;

/** Settings of the `image.resize` handler. */
export interface ImageResizeSettings {
  outputDir: string;
  policy: OutboundPolicy;
}

/**
 * AVIF's encoder effort, 0 (fastest) to 9; sharp's default is 4. The
 * encoder is the slowest and largest step of a job: a 4 Mpx AVIF took
 * 0.9 s and 146 MB of RSS at effort 2 against 4.0 s and 194 MB at 4.
 */
const AVIF_EFFORT = 2;

/**
 * The input's size as it will be resized: upright, after its EXIF
 * orientation (5 to 8 turn it a quarter). Reads the header only.
 */
async function uprightSizeOf(input: Buffer) {
  const sharp = await loadSharp();
  const meta = await sharp(input, {
    limitInputPixels: MAX_INPUT_PIXELS,
  }).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    width: turned ? meta.height : meta.width,
    height: turned ? meta.width : meta.height,
  };
}

/** Decodes, resizes and encodes; sharp's errors here mean a bad input. */
async function resize(input: Buffer, payload: ImageResizePayload) {
  const format = payload.format ?? 'webp';
  const sharp = await loadSharp();
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate() // apply EXIF orientation before sizing
    .resize({
      width: payload.width,
      height: payload.height,
      fit: payload.fit ?? 'inside',
    })
    .toFormat(format, {
      quality: payload.quality,
      ...(format === 'avif' && { effort: AVIF_EFFORT }),
    })
    .toBuffer({ resolveWithObject: true });
}

/**
 * `image.resize`. The CPU work runs off the main event loop: sharp hands
 * decoding, resizing and encoding to libvips on libuv's thread pool and
 * only resolves a promise on the main thread, so lock renewal and the other
 * jobs of this worker keep running meanwhile (the spec shows the event loop
 * turning while a resize is in flight). The pool has UV_THREADPOOL_SIZE
 * threads (4 by default), shared with fs and dns.lookup; raise it for a
 * worker with WORKER_CONCURRENCY above 4 that mostly resizes. A resize in
 * progress cannot be interrupted: on abort the result is dropped and
 * nothing is written.
 */
export function imageResizeHandler(
  settings: ImageResizeSettings,
): JobHandler<'image.resize'> {
  return async (payload, context) => {
    if (payload.width === undefined && payload.height === undefined) {
      return discard('give width, height or both');
    }
    let input: Buffer;
    try {
      input = await loadSource(payload, {
        policy: settings.policy,
        signal: context.signal,
        maxBytes: MAX_IMAGE_SOURCE_BYTES,
      });
    } catch (error) {
      if (error instanceof OutboundRefusedError) return discard(error.message);
      throw error;
    }
    let output: Awaited<ReturnType<typeof resize>>;
    try {
      // The output's size is known from the input's header: refuse one
      // past the limits before decoding anything (see output-size.ts).
      const refusal = refuseOutputSize(await uprightSizeOf(input), payload);
      if (refusal) return discard(refusal);
      output = await resize(input, payload);
    } catch (error) {
      return discard(
        `the image cannot be resized: ${(error as Error).message}`,
      );
    }
    context.signal.throwIfAborted();
    const { data, info } = output;
    const path = await writeOutputFile(
      settings.outputDir,
      context.jobId,
      info.format === 'heif' ? 'avif' : info.format,
      data,
    );
    return completed({
      path,
      format: info.format === 'heif' ? 'avif' : info.format,
      width: info.width,
      height: info.height,
      bytes: info.size,
    });
  };
}
