import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import { getJobView } from '@errand/queue-core';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import { createLogger, type Logger } from '@errand/runtime';
import {
  hasPromtool,
  killApp,
  promtoolProblems,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';
import { createApp } from '../app';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = `00-${TRACE_ID}-b7ad6b7169203331-01`;
const SECRET = 'the-body-nobody-may-read-4f1e';
const API_KEY_SECRET = 'sk-test-never-logged-9b2c';

type LogLine = Record<string, unknown>;

/** The JSON lines of a log file so far. */
function linesOf(file: string): LogLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => line !== '')
    .map(line => JSON.parse(line) as LogLine);
}

/** The stream winston's Console transport writes to inside Jest. */
const consoleStdout = () =>
  (console as unknown as { _stdout: NodeJS.WriteStream })._stdout;

/**
 * One job from an HTTP request to the handler, across two processes: the
 * API in this process, the worker spawned as in production, each writing
 * its LOG_FILE. The trace id the client sent must be on every worker line
 * about the job, and no secret on any line of either.
 */
describe('a trace id sent with POST /enqueue', () => {
  const fixture = useQueueFixture();
  let dir: string;
  let worker: SpawnedApp | undefined;
  let apiLogger: Logger | undefined;
  let stdout: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errand-trace-'));
    stdout = jest.spyOn(consoleStdout(), 'write').mockReturnValue(true);
  });

  afterEach(async () => {
    await killApp(worker);
    worker = undefined;
    apiLogger?.close();
    stdout.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is on every worker log line for that job, with its id, type and attempt', async () => {
    const workerLog = join(dir, 'worker.log');
    const apiLog = join(dir, 'api.log');
    const metricsPort = await findFreePort();
    worker = spawnApp('apps/worker/src/main.ts', {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
      METRICS_PORT: String(metricsPort),
      WORKER_TYPES: 'email.send',
      OUTBOX_DIR: join(dir, 'outbox'),
      LOG_LEVEL: 'debug',
      LOG_FILE: workerLog,
    });
    apiLogger = createLogger({
      service: 'api',
      level: 'http',
      file: apiLog,
      format: 'json',
    });
    const api = createApp({ queues: fixture.queues, logger: apiLogger });
    await waitUntilHealthy(
      worker,
      `http://127.0.0.1:${metricsPort}/healthz`,
      30_000,
    );

    const res = await request(api)
      .post('/enqueue')
      .set('traceparent', TRACEPARENT)
      .set('X-Request-Id', 'e2e-request-1')
      .set('Authorization', `Bearer ${API_KEY_SECRET}`)
      .send({
        type: 'email.send',
        payload: { to: 'user@example.com', subject: 'Hi', text: SECRET },
      });
    expect(res.status).toBe(202);
    const id: string = res.body.id;
    await waitFor(
      () => getJobView(fixture.queues, id),
      job => job.status === 'succeeded',
      15_000,
    );
    const jobLines = await waitFor(
      async () => linesOf(workerLog).filter(line => line['jobId'] === id),
      lines => lines.some(line => line['message'] === 'job succeeded'),
    );

    // The handler's own line and the consumer's settled line, at least.
    expect(jobLines.map(line => line['message'])).toEqual(
      expect.arrayContaining([
        'email written to the outbox (SMTP_URL is not set)',
        'job succeeded',
      ]),
    );
    for (const line of jobLines) {
      expect(line).toMatchObject({
        service: 'worker',
        jobId: id,
        type: 'email.send',
        attempt: 1,
        traceId: TRACE_ID,
      });
    }
    const answered = await waitFor(
      async () =>
        linesOf(apiLog).find(line => line['message'] === 'request answered'),
      line => line !== undefined,
    );
    expect(answered).toMatchObject({
      requestId: 'e2e-request-1',
      traceId: TRACE_ID,
      status: 202,
    });
    const everything = [
      readFileSync(workerLog, 'utf8'),
      readFileSync(apiLog, 'utf8'),
      worker.stderr(),
    ].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(API_KEY_SECRET);

    // The worker's real /metrics, after a real job.
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    const text = await metrics.text();
    expect(text).toContain(
      'errand_jobs_processed_total{type="email.send",outcome="succeeded"} 1',
    );
    if (hasPromtool()) {
      expect(promtoolProblems(text)).toBe('');
    } else {
      console.warn('promtool is not installed: worker /metrics not linted');
    }
  }, 60_000);
});
