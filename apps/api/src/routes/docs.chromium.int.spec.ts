import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { jobTypes } from '@errand/contracts';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import type { ApiKey } from '../auth/api-key';
import { hashApiKey } from '../auth/find-api-key';
import {
  describeInBrowser,
  launchChromium,
  requireChromium,
} from '../testing/chromium';

const SCREENSHOT = resolve(
  __dirname,
  '../../../../reports/docs-screenshot.png',
);
// Generous: two cores shared with the rest of the suite. The waits below
// end on a condition, these only bound a hung browser.
const STEP_MS = 60_000;
const TEST_MS = 240_000;

const PRODUCER = 'errand_producer-key-for-docs-0123456789abcdef';
const keys: ApiKey[] = [
  { name: 'shop', role: 'producer', hash: hashApiKey(PRODUCER) },
];

describeInBrowser('the documentation pages in headless Chromium', () => {
  const fixture = useQueueFixture();
  let browser: Browser;

  beforeAll(async () => {
    requireChromium();
    browser = await launchChromium(STEP_MS);
  }, STEP_MS);

  afterAll(async () => {
    await browser?.close();
  });

  /** Serves the app, with a producer key, on a free loopback port. */
  async function withServer<T>(use: (base: string) => Promise<T>): Promise<T> {
    const app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      apiKeys: keys,
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

  /** What a page logged and asked for, besides what it showed. */
  interface PageLog {
    /** Console errors and uncaught errors (a CSP refusal is one). */
    problems: string[];
    /** Requests to any origin but the API's, even those the CSP refused. */
    offsite: string[];
  }

  /** A page in a fresh browser profile, with what it logs gathered. */
  async function withPage<T>(
    base: string,
    use: (page: Page, log: PageLog) => Promise<T>,
  ): Promise<T> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const log: PageLog = { problems: [], offsite: [] };
    page.on('console', message => {
      if (message.type() === 'error') log.problems.push(message.text());
    });
    page.on('pageerror', error => log.problems.push(error.message));
    page.on('request', req => {
      const url = new URL(req.url());
      if (/^https?:$/.test(url.protocol) && url.origin !== base) {
        log.offsite.push(req.url());
      }
    });
    try {
      return await use(page, log);
    } finally {
      await context.close();
    }
  }

  describe('GET /docs (Swagger UI)', () => {
    const operation = (page: Page) =>
      page.locator('#operations-jobs-enqueueJob');

    /** Opens POST /enqueue, presses "Try it out" and then "Execute". */
    async function tryEnqueue(page: Page): Promise<string> {
      const op = operation(page);
      if (!(await op.locator('.try-out__btn').isVisible())) {
        await op.locator('.opblock-summary-control').click();
      }
      const tryOut = op.locator('.try-out__btn');
      if ((await tryOut.textContent())?.trim() === 'Try it out') {
        await tryOut.click();
      }
      const body = op.locator('textarea.body-param__text');
      await body.waitFor();
      expect(JSON.parse(await body.inputValue())).toMatchObject({
        type: 'email.send',
      });
      // A response from an earlier Execute stays until the next one lands.
      const clear = op.locator('button.btn-clear');
      if (await clear.isVisible()) {
        await clear.click();
        await clear.waitFor({ state: 'detached' });
      }
      await op.locator('button.execute').click();
      const status = op.locator(
        '.live-responses-table tbody .response-col_status',
      );
      await status.waitFor();
      return (await status.innerText()).trim();
    }

    /** Types `key` into the Authorize dialog and closes it. */
    async function authorize(page: Page, key: string): Promise<void> {
      await page.locator('.scheme-container button.authorize').click();
      const dialog = page.locator('.dialog-ux .modal-ux');
      await dialog.locator('input#auth-bearer-value').fill(key);
      await dialog.getByRole('button', { name: 'Apply credentials' }).click();
      await dialog
        .getByRole('button', { name: 'Remove authorization' })
        .waitFor();
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    }

    it(
      'sends POST /enqueue with the example body once authorized, and reads 202 on the page; the key survives a reload',
      async () => {
        await withServer(base =>
          withPage(base, async (page, log) => {
            await page.goto(`${base}/docs`);
            await operation(page).waitFor();

            expect(await tryEnqueue(page)).toMatch(/^401/);

            await authorize(page, PRODUCER);
            expect(await tryEnqueue(page)).toMatch(/^202/);
            const answer = operation(page).locator(
              '.live-responses-table .response-col_description pre',
            );
            const { id } = JSON.parse(await answer.first().innerText()) as {
              id: string;
            };
            const job = await request(base)
              .get(`/jobs/${id}`)
              .set('Authorization', `Bearer ${PRODUCER}`);
            expect(job.body).toMatchObject({ id, type: 'email.send' });

            // Deep linking put the open operation in the URL, so the
            // reloaded page opens it again.
            expect(page.url()).toBe(`${base}/docs#/jobs/enqueueJob`);
            await page.reload();
            await operation(page).locator('.try-out__btn').waitFor();
            await page
              .locator('.scheme-container button.authorize.locked')
              .waitFor();
            expect(await tryEnqueue(page)).toMatch(/^202/);

            // Only the refusal the test asked for: no CSP violation.
            expect(log.problems).toEqual([
              expect.stringContaining('status of 401 (Unauthorized)'),
            ]);
            expect(log.offsite).toEqual([]);
          }),
        );
      },
      TEST_MS,
    );

    it(
      'saves a screenshot in reports/ for people to look at',
      async () => {
        mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
        rmSync(SCREENSHOT, { force: true });

        await withServer(base =>
          withPage(base, async page => {
            await page.goto(`${base}/docs`);
            await operation(page).waitFor();
            await page.screenshot({ path: SCREENSHOT });
          }),
        );

        const png = readFileSync(SCREENSHOT);
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.length).toBeGreaterThan(20_000);
      },
      TEST_MS,
    );
  });

  describe('GET /redoc', () => {
    it(
      'renders every job type, which only the script can have written',
      async () => {
        await withServer(base =>
          withPage(base, async (page, log) => {
            const html = await request(base).get('/redoc');

            await page.goto(`${base}/redoc`);
            // Redoc renders in steps: wait until every type is on the page.
            await page.waitForFunction(types => {
              // Runs in the page; the project compiles without DOM types.
              const { document } = globalThis as unknown as {
                document: { body: { innerHTML: string } };
              };
              return types.every(type =>
                document.body.innerHTML.includes(type),
              );
            }, jobTypes);
            const dom = await page.content();

            expect(dom).toContain('Errand API');
            for (const type of jobTypes) {
              expect(html.text).not.toContain(type);
              expect(dom).toContain(type);
            }
            // Redoc asks cdn.redoc.ly for a logo; the CSP refuses it, and
            // Redoc hides the image. Nothing else may go wrong.
            const logo = "'https://cdn.redoc.ly/";
            expect(log.problems.filter(p => !p.includes(logo))).toEqual([]);
            expect(
              log.offsite.filter(url => !`'${url}`.startsWith(logo)),
            ).toEqual([]);
          }),
        );
      },
      TEST_MS,
    );
  });
});
