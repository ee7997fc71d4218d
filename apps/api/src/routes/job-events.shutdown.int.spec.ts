import { findFreePort } from '@errand/local-redis';
import { enqueueJob } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const MAIN = 'apps/api/src/main.ts';

describe('the API process with an open event stream', () => {
  const fixture = useQueueFixture();
  let api: SpawnedApp | undefined;

  afterEach(async () => {
    await killApp(api);
    api = undefined;
  });

  it('ends the stream with event: error and exits 0 on SIGTERM', async () => {
    const port = await findFreePort();
    api = spawnApp(MAIN, {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      LOG_LEVEL: 'warn',
      PORT: String(port),
    });
    await waitUntilHealthy(api, `http://127.0.0.1:${port}/healthz`);
    const { id } = await enqueueJob(fixture.queues, {
      type: 'system.sleep',
      payload: { ms: 1 },
    });
    const res = await fetch(`http://127.0.0.1:${port}/jobs/${id}/events`);
    expect(res.status).toBe(200);
    let signalled = 0;
    const reading = (async () => {
      let text = '';
      for await (const chunk of res.body ?? []) {
        text += Buffer.from(chunk as Uint8Array).toString();
        // Signal once the first event is in: the stream is open.
        if (text.includes('\n\n') && !signalled) {
          signalled = Date.now();
          api?.child.kill('SIGTERM');
        }
      }
      return text;
    })();

    const text = await reading;
    const exit = await api.exited;

    expect(text).toMatch(/^event: status\n/);
    expect(text).toMatch(
      /event: error\ndata: \{[^\n]*"code":"queue\.unavailable"[^\n]*\}\n\n$/,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5_000);
  });
});
