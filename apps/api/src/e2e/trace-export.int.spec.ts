import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import { getJobView } from '@errand/queue-core';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

const TRACE_ID = '4bf92f3577b34da6a3ce929658f0e6a1';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: OtlpAttribute[];
}
interface ReceivedSpan extends OtlpSpan {
  service: string | undefined;
  contentType: string | undefined;
}

/** The OTLP/JSON attributes as a plain object. */
function attributesOf(span: OtlpSpan): Record<string, unknown> {
  return Object.fromEntries(
    span.attributes.map(({ key, value }) => [
      key,
      value.stringValue ?? Number(value.intValue),
    ]),
  );
}

/** An OTLP/HTTP collector, as small as it gets: keeps every span it is sent. */
async function startReceiver(): Promise<{
  server: Server;
  url: string;
  spans: ReceivedSpan[];
}> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const contentType = req.headers['content-type'];
      const message = JSON.parse(body) as {
        resourceSpans: {
          resource: { attributes: OtlpAttribute[] };
          scopeSpans: { spans: OtlpSpan[] }[];
        }[];
      };
      for (const { resource, scopeSpans } of message.resourceSpans) {
        const service = resource.attributes.find(a => a.key === 'service.name')
          ?.value.stringValue;
        for (const scope of scopeSpans) {
          for (const span of scope.spans) {
            spans.push({ ...span, service, contentType });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await findFreePort();
  await new Promise<void>(done => server.listen(port, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${port}`, spans };
}

/**
 * The OTLP export end to end, from both apps spawned as in production
 * (the exporter's dynamic imports cannot run inside Jest anyway): the API's
 * request span and the worker's attempt span, each flushed by its main's
 * SIGTERM handler, reach a real HTTP receiver as parent and child of the
 * caller's trace.
 */
describe('OTLP trace export', () => {
  const fixture = useQueueFixture();
  let dir: string;
  let worker: SpawnedApp | undefined;
  let api: SpawnedApp | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'errand-otlp-'));
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await killApp(worker);
    await killApp(api);
    worker = undefined;
    api = undefined;
    await new Promise(done => receiver.server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the request span and the attempt span as parent and child of one trace', async () => {
    const metricsPort = await findFreePort();
    worker = spawnApp('apps/worker/src/main.ts', {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      METRICS_PORT: String(metricsPort),
      WORKER_TYPES: 'email.send',
      OUTBOX_DIR: join(dir, 'outbox'),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    });
    const apiPort = await findFreePort();
    api = spawnApp('apps/api/src/main.ts', {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      PORT: String(apiPort),
      // The full traces URL, as is: the other of the two variables.
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
    });
    await waitUntilHealthy(
      worker,
      `http://127.0.0.1:${metricsPort}/healthz`,
      30_000,
    );
    await waitUntilHealthy(api, `http://127.0.0.1:${apiPort}/healthz`, 30_000);

    const res = await request(`http://127.0.0.1:${apiPort}`)
      .post('/enqueue')
      .set('traceparent', TRACEPARENT)
      .send({
        type: 'email.send',
        payload: { to: 'user@example.com', subject: 'Hi', text: 'traced' },
      });
    expect(res.status).toBe(202);
    const id: string = res.body.id;
    await waitFor(
      () => getJobView(fixture.queues, id),
      job => job.status === 'succeeded',
      15_000,
    );
    // The batches wait 5 s: what arrives now was flushed on SIGTERM.
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    // The caller's trace only: the health probes have spans of their own.
    const spans = await waitFor(
      async () => receiver.spans.filter(s => s.traceId === TRACE_ID),
      all => all.length >= 2,
    );
    expect(spans).toHaveLength(2);
    const apiSpan = spans.find(s => s.service === 'errand-api');
    const workerSpan = spans.find(s => s.service === 'errand-worker');
    expect(apiSpan).toMatchObject({
      name: 'POST /enqueue',
      traceId: TRACE_ID,
      parentSpanId: CALLER_SPAN_ID,
    });
    expect(attributesOf(apiSpan as OtlpSpan)).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/enqueue',
      'http.response.status_code': 202,
      'errand.job.id': id,
      'errand.job.type': 'email.send',
    });
    expect(workerSpan).toMatchObject({
      name: 'job email.send',
      traceId: TRACE_ID,
      parentSpanId: apiSpan?.spanId,
    });
    expect(workerSpan?.spanId).not.toBe(apiSpan?.spanId);
    expect(attributesOf(workerSpan as OtlpSpan)).toMatchObject({
      'errand.job.id': id,
      'errand.job.type': 'email.send',
      'errand.job.attempt': 1,
      'errand.job.outcome': 'succeeded',
    });
    expect(apiSpan?.contentType).toContain('application/json');
  }, 60_000);
});
