import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { jobTypes } from '@errand/contracts';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const run = promisify(execFile);

/** Debian's `chromium` package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOT = resolve(
  __dirname,
  '../../../../reports/docs-screenshot.png',
);
const BROWSER_MS = 60_000;

const haveChromium = existsSync(CHROMIUM);
// CI must run this: there a missing Chromium fails the test. Only on a
// developer's machine without it is the test skipped.
const describeInBrowser =
  haveChromium || process.env['CI'] ? describe : describe.skip;

describeInBrowser('GET /docs in headless Chromium', () => {
  const fixture = useQueueFixture();
  let profile: string;

  beforeAll(() => {
    if (!haveChromium) {
      throw new Error(
        `No Chromium at ${CHROMIUM}. CI needs Debian's "chromium" package: ` +
          'apt-get install -y --no-install-recommends chromium',
      );
    }
  });

  beforeEach(() => {
    profile = mkdtempSync(join(tmpdir(), 'errand-chromium-'));
  });

  afterEach(() => {
    rmSync(profile, { recursive: true, force: true });
  });

  /** Serves the app on a free loopback port while `use` runs. */
  async function withServer<T>(use: (base: string) => Promise<T>): Promise<T> {
    const app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      return await use(`http://127.0.0.1:${port}`);
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  }

  /** Runs headless Chromium on `url`, with no network but loopback use. */
  async function chromium(url: string, ...mode: string[]): Promise<string> {
    const { stdout } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--window-size=1280,900',
        '--virtual-time-budget=10000',
        ...mode,
        url,
      ],
      { timeout: BROWSER_MS - 5_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  }

  it(
    'renders every job type, which only the script can have written',
    async () => {
      await withServer(async base => {
        const page = await request(base).get('/docs');

        const dom = await chromium(`${base}/docs`, '--dump-dom');

        expect(dom).toContain('Errand API');
        for (const type of jobTypes) {
          expect(page.text).not.toContain(type);
          expect(dom).toContain(type);
        }
      });
    },
    BROWSER_MS,
  );

  it(
    'saves a screenshot in reports/ for people to look at',
    async () => {
      mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
      rmSync(SCREENSHOT, { force: true });

      await withServer(base =>
        chromium(`${base}/docs`, `--screenshot=${SCREENSHOT}`),
      );

      const png = readFileSync(SCREENSHOT);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
    },
    BROWSER_MS,
  );
});
