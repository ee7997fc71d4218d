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
  CHROMIUM,
  haveChromium,
  launchChromium,
} from '../testing/headless-chromium';

const ADMIN = 'errand_browser-admin-key-0123456789abcdefghij';
const SECRET_TEXT = 'browser-secret-text-9c2e';
const SCREENSHOT = resolve(
  __dirname,
  '../../../../reports/dashboard-screenshot.png',
);
const BROWSER_MS = 60_000;

// CI must run this (there a missing Chromium fails it); only a developer's
// machine without Chromium skips it.
const describeInBrowser =
  haveChromium || process.env['CI'] ? describe : describe.skip;
if (!haveChromium) {
  console.warn(
    `Skipping the dashboard browser test: no Chromium at ${CHROMIUM} ` +
      '(apt-get install -y --no-install-recommends chromium).',
  );
}

describeInBrowser('the dashboard in headless Chromium', () => {
  const fixture = useQueueFixture();

  beforeAll(() => {
    if (!haveChromium) {
      throw new Error(`No Chromium at ${CHROMIUM}; CI needs it.`);
    }
  });

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
      const browser = await launchChromium();
      try {
        const { page } = browser;

        // Not logged in: the board sends the browser to its login form.
        await page.goto(`${base}/admin/queues`);
        await page.waitFor("document.querySelector('form input#key')");
        expect(await page.evaluate('location.pathname')).toBe(
          '/admin/queues/login',
        );

        // Type the key and submit, as a person would.
        await page.evaluate(
          `document.querySelector('#key').value = ${JSON.stringify(ADMIN)};
           document.querySelector('form').submit(); true`,
        );
        await page.waitFor(
          "location.pathname === '/admin/queues' && document.body.innerText.includes('email.send')",
        );
        const overview = await page.evaluate<string>('document.body.innerText');
        for (const type of jobTypes) expect(overview).toContain(type);
        expect(await page.evaluate('document.cookie')).toBe(''); // HttpOnly: scripts cannot read the session

        // The dead job, in the queue's failed tab.
        await page.goto(`${base}/admin/queues/queue/email.send?status=failed`);
        await page.waitFor(
          `document.body.innerText.includes(${JSON.stringify(id)})`,
        );
        const showTab = (name: string, text: string) =>
          page.waitFor<string>(
            `(() => {
              const tab = [...document.querySelectorAll('button, [role=tab]')]
                .find(e => e.textContent.trim() === ${JSON.stringify(name)});
              tab?.click();
              const shown = document.body.innerText;
              return shown.includes(${JSON.stringify(text)}) && shown;
            })()`,
          );
        await showTab('Error', 'mailbox does not exist');
        const data = await showTab('Data', '[redacted]');
        expect(data).toContain('gone@example.com');
        expect(data).not.toContain(SECRET_TEXT);
        expect(
          await page.evaluate<string>('document.documentElement.outerHTML'),
        ).not.toContain(SECRET_TEXT);

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
