import { discard, jobTypes, parseEnqueueRequest } from '@errand/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { enqueueJob, getJobView } from '@errand/queue-core';
import {
  testHandlers,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';
import {
  describeInBrowser,
  launchChromium,
  requireChromium,
} from '../testing/chromium';

const ADMIN = 'errand_browser-admin-key-0123456789abcdefghij';
const SECRET_TEXT = 'browser-secret-text-9c2e';
const SCREENSHOT = resolve(
  __dirname,
  '../../../../reports/dashboard-screenshot.png',
);
const BROWSER_MS = 60_000;

describeInBrowser('the dashboard in headless Chromium', () => {
  const fixture = useQueueFixture();

  beforeAll(requireChromium);

  it(
    'logs in with an admin key, shows the queues and a dead job, redacted',
    async () => {
      fixture.startConsumer({
        types: jobTypes,
        concurrency: 1,
        handlers: testHandlers({
          'email.send': async () => discard('mailbox does not exist'),
        }),
      });
      const { id } = await enqueueJob(
        fixture.queues,
        parseEnqueueRequest({
          type: 'email.send',
          payload: { to: 'gone@example.com', subject: 'Hi', text: SECRET_TEXT },
        }),
      );
      await waitFor(
        async () => (await getJobView(fixture.queues, id)).status,
        status => status === 'dead',
      );
      const app = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: [{ name: 'ops', role: 'admin', hash: hashApiKey(ADMIN) }],
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise(done => server.once('listening', done));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const browser = await launchChromium(BROWSER_MS);
      try {
        const page = await browser.newPage();
        page.setDefaultTimeout(BROWSER_MS);

        // Not logged in: the board sends the browser to its login form.
        await page.goto(`${base}/admin/queues`);
        await page.locator('form input#key').waitFor();
        expect(new URL(page.url()).pathname).toBe('/admin/queues/login');

        // Type the key and submit, as a person would.
        await page.locator('#key').fill(ADMIN);
        await Promise.all([
          page.waitForURL(`${base}/admin/queues`),
          page.locator('#key').press('Enter'),
        ]);
        await page.getByText('email.send').first().waitFor();
        const overview = await page.locator('body').innerText();
        for (const type of jobTypes) expect(overview).toContain(type);
        expect(await page.evaluate('document.cookie')).toBe(''); // HttpOnly: scripts cannot read the session

        // The dead job, in the queue's failed tab.
        await page.goto(`${base}/admin/queues/queue/email.send?status=failed`);
        await page.getByText(id).first().waitFor();
        const showTab = async (name: string, text: string) => {
          await page
            .locator('button, [role=tab]')
            .filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) })
            .first()
            .click();
          await page.getByText(text).first().waitFor();
          return page.locator('body').innerText();
        };
        await showTab('Error', 'mailbox does not exist');
        const data = await showTab('Data', '[redacted]');
        expect(data).toContain('gone@example.com');
        expect(data).not.toContain(SECRET_TEXT);
        expect(await page.content()).not.toContain(SECRET_TEXT);

        mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
        writeFileSync(SCREENSHOT, await page.screenshot());
      } finally {
        await browser.close();
        server.closeAllConnections();
        await new Promise(done => server.close(done));
      }
    },
    BROWSER_MS,
  );
});
