import type { Sharp, SharpOptions } from 'sharp';

type SharpFactory = (input: Buffer, options?: SharpOptions) => Sharp;

let loaded: Promise<SharpFactory> | undefined;

/**
 * sharp brings libvips, tens of megabytes of resident memory: it is loaded
 * on the first resize, so workers that never run this type never pay for
 * it. Its process-wide settings are made once, here:
 * - `concurrency(1)`: one libvips thread per image. Images still run in
 *   parallel, one per libuv pool thread (UV_THREADPOOL_SIZE, 4 by default),
 *   and each extra thread on one image holds buffers of its own: more
 *   memory per job for no more throughput in a worker that runs several.
 * - `cache(false)`: libvips keeps up to 50 MB of recent operations to reuse
 *   their results; a worker never resizes the same input twice, so the
 *   cache only holds memory.
 */
export function loadSharp(): Promise<SharpFactory> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}
