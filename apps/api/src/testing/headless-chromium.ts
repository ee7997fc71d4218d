import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable, Writable } from 'node:stream';

/** Debian's `chromium` package; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** True when the browser is installed. */
export const haveChromium = existsSync(CHROMIUM);

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** One open tab, driven over the Chrome DevTools Protocol. */
export interface BrowserPage {
  /** Loads `url` (no waiting: poll with {@link BrowserPage.waitFor}). */
  goto(url: string): Promise<void>;
  /** Runs `expression` in the page and returns its (JSON) value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy; fails after `timeoutMs`. */
  waitFor<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** A PNG of the page. */
  screenshot(): Promise<Buffer>;
}

/** A headless Chromium and its first page. */
export interface HeadlessChromium {
  page: BrowserPage;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with `--remote-debugging-pipe` (the protocol
 * over file descriptors 3 and 4, NUL-separated JSON: no WebSocket library
 * or puppeteer needed), with a throwaway profile, and opens one page.
 */
export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'errand-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--window-size=1280,900',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, (reply: Reply) => void>();
  let buffered = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let end: number;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const reply = JSON.parse(buffered.slice(0, end)) as Reply;
      buffered = buffered.slice(end + 1);
      if (reply.id !== undefined) pending.get(reply.id)?.(reply);
    }
  });
  const exited = new Promise(resolve => child.once('exit', resolve));

  let nextId = 1;
  const send = (
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, reply => {
        pending.delete(id);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result ?? {});
      });
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  };

  const { targetId } = await send('Target.createTarget', {
    url: 'about:blank',
  });
  const { sessionId } = (await send('Target.attachToTarget', {
    targetId,
    flatten: true,
  })) as { sessionId: string };
  const inPage = (method: string, params: Record<string, unknown> = {}) =>
    send(method, params, sessionId);

  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = (await inPage('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value;
  };

  const page: BrowserPage = {
    goto: async url => {
      await inPage('Page.navigate', { url });
    },
    evaluate,
    waitFor: async <T>(expression: string, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      let last: T | undefined;
      while (Date.now() < deadline) {
        // A page that is navigating has no context for a moment.
        last = await evaluate<T>(expression).catch(() => undefined);
        if (last) return last;
        await sleep(100);
      }
      throw new Error(`Timed out waiting for ${expression} (last: ${last})`);
    },
    screenshot: async () => {
      const { data } = (await inPage('Page.captureScreenshot', {
        format: 'png',
      })) as { data: string };
      return Buffer.from(data, 'base64');
    },
  };

  return {
    page,
    close: async () => {
      await send('Browser.close').catch(() => undefined);
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
