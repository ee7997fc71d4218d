import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { MAX_IMAGE_SOURCE_BYTES } from '@errand/contracts';
import sharp from 'sharp';

/**
 * The peak RSS allowed for a process that runs one image.resize job, in MB:
 * the worst job below measured 989 MB (docs/security.md), and this is half
 * as much again, so only a real regression (a limit lifted, an encoder
 * setting lost) crosses it. Memory, not time: load does not move it much.
 */
const PEAK_RSS_BOUND_MB = 1_500;

const WORKSPACE_ROOT = resolve(__dirname, '../../../../..');
const MEASURE = 'apps/worker/src/handlers/image/measure-resize.ts';

interface Measured {
  outcome: { kind: string; reason?: string };
  idleMb: number;
  peakMb: number;
}

/** Runs one resize in a fresh process and reads back its peak RSS. */
async function measure(input: string, payload: object): Promise<Measured> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', MEASURE, input, JSON.stringify(payload), dir],
    { cwd: WORKSPACE_ROOT, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as Measured;
}

let dir: string;

/**
 * The most memory an input within the limits can take to decode: 50 Mpx
 * (the input limit), 16 bits a channel with alpha, interlaced, so libvips
 * must hold all of it (400 MB) rather than stream it. Noise tiles give the
 * encoder real work; the file stays under the 10 MiB source limit.
 */
async function heaviestInput(): Promise<string> {
  const side = Math.floor(Math.sqrt(50_000_000));
  const tile = await sharp({
    create: {
      width: 128,
      height: 128,
      channels: 4,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  const image = await sharp({
    create: {
      width: side,
      height: side,
      channels: 4,
      background: { r: 50, g: 100, b: 200, alpha: 0.5 },
    },
  })
    .composite([{ input: tile, tile: true, gravity: 'northwest' }])
    .toColourspace('rgb16')
    .png({ progressive: true, compressionLevel: 9 })
    .toBuffer();
  expect(image.length).toBeLessThan(MAX_IMAGE_SOURCE_BYTES);
  const file = join(dir, 'heaviest.png');
  await writeFile(file, image);
  return file;
}

describe('the memory of one image.resize job', () => {
  let heaviest: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'errand-resize-memory-'));
    heaviest = await heaviestInput();
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(`stays under ${PEAK_RSS_BOUND_MB} MB for the worst allowed job: the heaviest input to the largest AVIF`, async () => {
    const run = await measure(heaviest, {
      width: 3_840,
      height: 2_160,
      fit: 'fill',
      format: 'avif',
    });

    expect(run.outcome.kind).toBe('completed');
    expect(run.peakMb).toBeLessThan(PEAK_RSS_BOUND_MB);
  }, 300_000);

  it("discards the audit's tiny PNG blown up to 7000 x 7000 before decoding it", async () => {
    const tiny = join(dir, 'tiny.png');
    await writeFile(
      tiny,
      await sharp({
        create: { width: 1, height: 1, channels: 3, background: '#fff' },
      })
        .png()
        .toBuffer(),
    );

    const run = await measure(tiny, {
      width: 7_000,
      height: 7_000,
      fit: 'fill',
      format: 'png',
    });

    expect(run.outcome).toEqual({
      kind: 'discard',
      reason: expect.stringMatching(/^the output would be 7000x7000/),
    });
    // Nothing was decoded or encoded: the peak is the idle process's.
    expect(run.peakMb - run.idleMb).toBeLessThan(50);
  }, 120_000);
});
