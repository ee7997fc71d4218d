import {
  MAX_IMAGE_SOURCE_BYTES,
  type ImageResizePayload,
} from '@errand/contracts';
import { completed, discard, type JobHandler } from '@errand/queue-core';
import { loadSource } from './outbound/load-source';
import type { OutboundPolicy } from './outbound/outbound-policy';
import { OutboundRefusedError } from './outbound/outbound-refused-error';
import { writeOutputFile } from './output/output-file';

/**
 * Largest input image in pixels (width x height), against decompression
 * bombs: a small file that decodes to gigabytes. 50 Mpx covers any camera.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

/** Settings of the `image.resize` handler. */
export interface ImageResizeSettings {
  outputDir: string;
  policy: OutboundPolicy;
}

/**
 * sharp brings libvips, tens of megabytes of resident memory: it is loaded
 * on the first resize, so workers that never run this type never pay for it.
 */
async function loadSharp() {
  return (await import('sharp')).default;
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
    .toFormat(format, { quality: payload.quality })
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
