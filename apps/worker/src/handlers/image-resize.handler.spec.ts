import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testJobContext } from '@errand/queue-core/testing';
import sharp from 'sharp';
import { imageResizeHandler } from './image-resize.handler';
import { createOutboundPolicy } from './outbound/outbound-policy';

/** A solid-colour PNG, made in the test. */
function png(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: '#3366cc' },
  })
    .png()
    .toBuffer();
}

describe('imageResizeHandler', () => {
  let outputDir: string;
  let source: Buffer;
  let files: Server;
  let base: string;
  beforeAll(async () => {
    source = await png(800, 600);
    files = createServer((request, response) => {
      if (request.url === '/huge') response.end(Buffer.alloc(11 * 1024 * 1024));
      else if (request.url === '/photo.png') response.end(source);
      else response.writeHead(404).end();
    });
    await new Promise<void>(resolve => files.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => files.close(resolve)));
  beforeEach(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'errand-image-'));
  });
  afterEach(() => rm(outputDir, { recursive: true, force: true }));

  const handler = (allowlist?: string) =>
    imageResizeHandler({
      outputDir,
      // Test servers listen on ephemeral ports.
      policy: createOutboundPolicy(allowlist, '1024-65535'),
    });

  it('resizes base64 input into <job id>.webp, keeping the aspect ratio', async () => {
    const outcome = await handler()(
      { base64: source.toString('base64'), width: 200 },
      testJobContext('image.resize', { jobId: 'job-3' }),
    );

    const path = join(outputDir, 'job-3.webp');
    expect(outcome).toEqual({
      kind: 'completed',
      result: {
        path,
        format: 'webp',
        width: 200,
        height: 150,
        bytes: expect.any(Number),
      },
    });
    expect(await sharp(path).metadata()).toMatchObject({
      format: 'webp',
      width: 200,
      height: 150,
    });
  });

  it('crops to the box with fit cover, in the format asked for', async () => {
    const outcome = await handler()(
      {
        base64: source.toString('base64'),
        width: 100,
        height: 100,
        fit: 'cover',
        format: 'jpeg',
        quality: 60,
      },
      testJobContext('image.resize'),
    );

    expect(outcome).toMatchObject({
      kind: 'completed',
      result: { format: 'jpeg', width: 100, height: 100 },
    });
    const { path } = (outcome as { result: { path: string } }).result;
    expect(path.endsWith('.jpeg')).toBe(true);
    expect((await sharp(path).metadata()).format).toBe('jpeg');
  });

  describe('with a source URL', () => {
    it('fetches it through the guard when the allowlist names the host', async () => {
      const outcome = await handler('127.0.0.1')(
        { url: `${base}/photo.png`, height: 60, format: 'png' },
        testJobContext('image.resize'),
      );

      expect(outcome).toMatchObject({
        kind: 'completed',
        result: { format: 'png', width: 80, height: 60 },
      });
    });

    it('discards when the guard refuses the host', async () => {
      const outcome = await handler()(
        { url: `${base}/photo.png`, width: 10 },
        testJobContext('image.resize'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringMatching(/refused to connect .* loopback/),
      });
    });

    it('discards a source over the size limit, reading no more of it', async () => {
      const outcome = await handler('127.0.0.1')(
        { url: `${base}/huge`, width: 10 },
        testJobContext('image.resize'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringMatching(/larger than 10485760 bytes/),
      });
    });

    it('discards a source that answers 404', async () => {
      const outcome = await handler('127.0.0.1')(
        { url: `${base}/missing.png`, width: 10 },
        testJobContext('image.resize'),
      );

      expect(outcome).toEqual({
        kind: 'discard',
        reason: expect.stringMatching(/answered 404$/),
      });
    });
  });

  it.each([
    [{ width: 10 }, /exactly one source/],
    [
      { base64: 'aGk=', url: 'https://example.com/a.png', width: 10 },
      /exactly one source/,
    ],
    [{ base64: 'aGk=' }, /width, height or both/],
    [
      { base64: Buffer.from('not an image').toString('base64'), width: 10 },
      /cannot be resized/,
    ],
  ])('discards %j', async (payload, reason) => {
    const outcome = await handler()(payload, testJobContext('image.resize'));

    expect(outcome).toEqual({
      kind: 'discard',
      reason: expect.stringMatching(reason),
    });
    expect(await readdir(outputDir)).toEqual([]);
  });

  it('leaves the event loop free while sharp works on the thread pool', async () => {
    // Decoding 36 Mpx and encoding 7.8 Mpx (under the WebP cap) keeps
    // libvips busy for a while.
    // If that work ran on the main thread, no callback could run until it
    // was done; here setImmediate callbacks keep running while sharp
    // reports a task in flight (sharp.counters().process), so lock renewal
    // and the worker's other jobs would too.
    const large = await png(6_000, 6_000);
    let settled = false;
    const resizing = handler()(
      { base64: large.toString('base64'), width: 2_800, format: 'webp' },
      testJobContext('image.resize'),
    ).finally(() => {
      settled = true;
    });
    let turnsWhileInFlight = 0;
    while (!settled) {
      await new Promise(resolve => setImmediate(resolve));
      if (sharp.counters().process > 0) turnsWhileInFlight += 1;
    }

    expect((await resizing).kind).toBe('completed');
    expect(turnsWhileInFlight).toBeGreaterThan(0);
  });
});
