import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testJobContext } from '@errand/queue-core/testing';
import sharp from 'sharp';
import { imageResizeHandler } from '../image-resize.handler';
import { createOutboundPolicy } from '../outbound/outbound-policy';

/** A solid-colour PNG as base64, made in the test. */
async function png(width: number, height: number): Promise<string> {
  const image = await sharp({
    create: { width, height, channels: 3, background: '#3366cc' },
  })
    .png()
    .toBuffer();
  return image.toString('base64');
}

describe('imageResizeHandler, against outputs out of proportion', () => {
  let outputDir: string;
  beforeEach(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'errand-image-limits-'));
  });
  afterEach(() => rm(outputDir, { recursive: true, force: true }));

  const resize = (payload: Parameters<ReturnType<typeof handler>>[0]) =>
    handler()(payload, testJobContext('image.resize'));
  const handler = () =>
    imageResizeHandler({ outputDir, policy: createOutboundPolicy() });

  it('discards a 10x10 input asked to grow to 3000x3000, saying why', async () => {
    const outcome = await resize({
      base64: await png(10, 10),
      width: 3_000,
      height: 3_000,
      fit: 'fill',
      format: 'png',
    });

    expect(outcome).toEqual({
      kind: 'discard',
      reason:
        "the output would be 3000x3000 (9000000 pixels) from a 10x10 input; the limit is 4000000 pixels, 16 times the input's 100 pixels (at least 4000000)",
    });
    expect(await readdir(outputDir)).toEqual([]);
  });

  it('discards a thin input whose one given side makes the other huge', async () => {
    const outcome = await resize({
      base64: await png(1, 100),
      width: 8_000,
      format: 'jpeg',
    });

    expect(outcome).toEqual({
      kind: 'discard',
      reason: expect.stringMatching(/^the output would be 8000x800000 /),
    });
  });

  it('still enlarges within the allowance', async () => {
    const outcome = await resize({
      base64: await png(500, 500),
      width: 2_000,
      height: 2_000,
      fit: 'fill',
      format: 'jpeg',
    });

    expect(outcome).toMatchObject({
      kind: 'completed',
      result: { width: 2_000, height: 2_000 },
    });
  });

  it('runs sharp with one thread per image and no operation cache', async () => {
    await resize({ base64: await png(20, 20), width: 10 });

    expect(sharp.concurrency()).toBe(1);
    expect(sharp.cache()).toMatchObject({
      memory: { max: 0 },
      items: { max: 0 },
    });
  });
});
