import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's `chromium` package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** True when the browser is installed. */
const haveChromium = existsSync(CHROMIUM);

/**
 * CI must run the browser specs: there a missing Chromium fails them. Only
 * on a developer's machine without it are they skipped.
 */
export const describeInBrowser =
  haveChromium || process.env['CI'] ? describe : describe.skip;

/** Fails a browser spec at once, with the fix, when Chromium is missing. */
export function requireChromium(): void {
  if (!haveChromium) {
    throw new Error(
      `No Chromium at ${CHROMIUM}. CI needs Debian's "chromium" package: ` +
        'apt-get install -y --no-install-recommends chromium',
    );
  }
}

/**
 * Starts Debian's Chromium headless under playwright-core (which brings no
 * browser of its own), with the flags that work on a machine without a
 * display, a GPU or a sandbox.
 */
export function launchChromium(timeoutMs: number): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
    timeout: timeoutMs,
  });
}
