import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { findFreePort } from '@errand/local-redis';
import { useQueueFixture, waitFor } from '@errand/queue-core/testing';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';

/*
 * Issue 19's "done when": the calls the clients of the queues Errand
 * replaces make, sent byte for byte as the issue writes them, to a real API
 * process, run by a real worker process that sends real mail. Every call
 * must answer 2xx and every job must reach `succeeded`, read the way each
 * client reads it. docs/migrating.md shows these answers.
 */

/** Generous: two processes start under `tsx` on a shared, busy machine. */
const STARTS_WITHIN_MS = 60_000;
/** One email to a local SMTP server, once the worker is up. */
const SUCCEEDS_WITHIN_MS = 30_000;

// The bodies exactly as the issue writes them. `POST /task` is written
// `{"type": …, "payload": …}` there; its client sends the first call's
// type and payload.
const ENQUEUE_SEND_EMAIL =
  '{"type":"send_email","payload":{"to":"user@example.com","subject":"Welcome!"},"retries":3}';
const TASK_SEND_EMAIL =
  '{"type":"send_email","payload":{"to":"user@example.com","subject":"Welcome!"}}';
const JOBS_EMAIL_PROCESSING =
  '{"type":"email_processing","payload":{"email":"user@example.com","subject":"Welcome to the platform!"}}';
const TASKS_EMAIL =
  '{"task_type":"email","payload":{"to":"user@example.com","subject":"Hello"},"max_retries":3,"priority":10}';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** A real SMTP server on a free port that keeps each message's subject. */
async function startMailServer() {
  const subjects: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        subjects.push(/^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '');
        callback();
      });
    },
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    subjects,
    close: () => new Promise<void>(done => server.close(() => done())),
  };
}

describe("the issue's client calls, against a real API and worker", () => {
  const fixture = useQueueFixture();
  let api: SpawnedApp | undefined;
  let worker: SpawnedApp | undefined;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let base: string;

  beforeEach(async () => {
    mail = await startMailServer();
    const [apiPort, workerPort] = [await findFreePort(), await findFreePort()];
    base = `http://127.0.0.1:${apiPort}`;
    const redis = {
      REDIS_URL: fixture.server.url,
      QUEUE_PREFIX: fixture.prefix,
    };
    // Without API keys, as those clients called their queues; a keyed
    // API takes the same calls with an Authorization header (see
    // compat.router.int.spec.ts).
    api = spawnApp('apps/api/src/main.ts', {
      ...redis,
      NODE_ENV: 'development',
      PORT: String(apiPort),
      LOG_LEVEL: 'warn',
    });
    worker = spawnApp('apps/worker/src/main.ts', {
      ...redis,
      NODE_ENV: 'development',
      METRICS_PORT: String(workerPort),
      WORKER_TYPES: 'email.send',
      SMTP_URL: mail.url,
      LOG_LEVEL: 'warn',
    });
    await waitUntilHealthy(api, `${base}/healthz`, STARTS_WITHIN_MS);
    await waitUntilHealthy(
      worker,
      `http://127.0.0.1:${workerPort}/healthz`,
      STARTS_WITHIN_MS,
    );
  }, 2 * STARTS_WITHIN_MS);

  afterEach(async () => {
    await killApp(api);
    await killApp(worker);
    api = worker = undefined;
    await mail.close();
  });

  /** One call as the client makes it: `body` sent as is. */
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    body?: string,
  ): Promise<Answer> => {
    const res = await fetch(`${base}${path}`, {
      method,
      ...(body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body,
      }),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    return { status: res.status, body: answer };
  };

  /** Polls `path` (the client's own read) until the job has succeeded. */
  const untilSucceeded = (path: string) =>
    waitFor(
      () => call('GET', path),
      answer => answer.body['status'] === 'succeeded',
      SUCCEEDS_WITHIN_MS,
      100,
    );

  it(
    'answers each call 2xx and runs each job to succeeded',
    async () => {
      // 1. POST /enqueue under the alias send_email.
      const enqueued = await call('POST', '/enqueue', ENQUEUE_SEND_EMAIL);
      expect(enqueued.status).toBe(202);
      expect(enqueued.body).toMatchObject({
        type: 'email.send',
        requestedType: 'send_email',
        status: 'queued',
      });

      // 2. POST /task, read back with GET /task/{id}.
      const task = await call('POST', '/task', TASK_SEND_EMAIL);
      expect(task.status).toBe(202);
      expect(task.body['task_id']).toBe(task.body['id']);

      // 3. POST /jobs answering {id, status, type, created_at}.
      const job = await call('POST', '/jobs', JOBS_EMAIL_PROCESSING);
      expect(job.status).toBe(202);
      expect(job.body).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          status: 'queued',
          type: 'email.send',
          created_at: expect.any(String),
        }),
      );

      // 4. POST /tasks, read back with GET /tasks/{id}, then GET /stats.
      const tasks = await call('POST', '/tasks', TASKS_EMAIL);
      expect(tasks.status).toBe(202);
      expect(tasks.body['task_id']).toBe(tasks.body['id']);

      const done = await Promise.all([
        untilSucceeded(`/jobs/${String(enqueued.body['id'])}`),
        untilSucceeded(`/task/${String(task.body['id'])}`),
        untilSucceeded(`/jobs/${String(job.body['id'])}`),
        untilSucceeded(`/tasks/${String(tasks.body['id'])}`),
      ]);
      for (const { status, body } of done) {
        expect(status).toBe(200);
        expect(body['result']).toEqual({ messageId: expect.any(String) });
      }
      expect(done[1]?.body['task_id']).toBe(task.body['id']);
      expect(done[3]?.body).toMatchObject({
        priority: 10,
        attempts: { made: 1, allowed: 4 },
      });
      const stats = await call('GET', '/stats');
      expect(stats.status).toBe(200);
      expect(mail.subjects.sort()).toEqual([
        'Hello',
        'Welcome to the platform!',
        'Welcome!',
        'Welcome!',
      ]);
    },
    2 * SUCCEEDS_WITHIN_MS,
  );
});
