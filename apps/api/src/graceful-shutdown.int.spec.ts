import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { findFreePort } from '@errand/local-redis';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/api/src/main.ts';

/** Whether a new connection to `base` is refused (or reset). */
const refusesConnections = (base: string): Promise<boolean> =>
  fetch(`${base}/healthz`).then(
    () => false,
    () => true,
  );

/** The whole body of an answer. */
async function readBody(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return text;
}

describe('the API on SIGTERM', () => {
  const fixture = useQueueFixture();
  let api: SpawnedApp | undefined;

  afterEach(async () => {
    await killApp(api);
    api = undefined;
  });

  it('finishes a request in flight, then refuses new connections and exits 0', async () => {
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    api = spawnApp(MAIN, {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      LOG_LEVEL: 'warn',
      PORT: String(port),
    });
    await waitUntilHealthy(api, `${base}/healthz`);

    // The request is held in flight by its own body, not by a clock: with
    // `Expect: 100-continue` the server says "100 Continue" once it has
    // the request's head, and the body is sent only after the API has
    // stopped taking connections. No deadline of the API's is involved.
    const body = JSON.stringify({ type: 'system.noop', payload: {} });
    const inFlight = request(`${base}/enqueue`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const answered = once(inFlight, 'response') as Promise<[IncomingMessage]>;
    // Awaited below; an early error also fails the wait for "continue".
    answered.catch(() => undefined);
    inFlight.flushHeaders();
    await once(inFlight, 'continue');

    api.child.kill('SIGTERM');
    await waitFor(
      () => refusesConnections(base),
      refused => refused,
      10_000,
    );
    inFlight.end(body);

    const [res] = await answered;
    expect(res.statusCode).toBe(202);
    expect((JSON.parse(await readBody(res)) as { status: string }).status).toBe(
      'queued',
    );
    expect(await api.exited).toEqual({ code: 0, signal: null });
  });
});
