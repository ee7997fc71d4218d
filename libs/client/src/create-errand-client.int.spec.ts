import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  findFreePort,
  startRedisServer,
  type RedisServer,
} from '@errand/local-redis';
import {
  killApp,
  spawnApp,
  waitUntilHealthy,
  type SpawnedApp,
} from '@errand/runtime/testing';
import type { JobStatus, JobView } from '@errand/contracts';
import { createErrandClient, type ErrandClient } from './create-errand-client';
import { ErrandClientError } from './errors/errand-client-error';

// The real API and worker as processes: a lib may not import an app, and
// the client should meet the API exactly as a client app does.
const API_MAIN = 'apps/api/src/main.ts';
const WORKER_MAIN = 'apps/worker/src/main.ts';

async function failureOf(call: Promise<unknown>): Promise<ErrandClientError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ErrandClientError);
  return error as ErrandClientError;
}

describe('the client against the real API', () => {
  let redis: RedisServer | undefined;
  let api: SpawnedApp | undefined;
  let worker: SpawnedApp | undefined;
  let baseUrl: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await startRedisServer();
    env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `client-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'warn',
    };
    const port = await findFreePort();
    api = spawnApp(API_MAIN, { ...env, PORT: String(port) });
    baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(api, `${baseUrl}/healthz`);
  });

  afterEach(async () => {
    await killApp(worker);
    worker = undefined;
  });

  afterAll(async () => {
    await killApp(api);
    await redis?.stop();
  });

  const client = (): ErrandClient =>
    createErrandClient({ baseUrl, apiKey: 'test-key', validateLocally: false });

  it('sends an idempotencyKey, so that a repeat answers the first job', async () => {
    const errand = client();
    const key = { idempotencyKey: `order-${process.pid}-${Date.now()}` };

    const first = await errand.enqueue('system.noop', {}, key);
    const repeat = await errand.enqueue('system.noop', {}, key);
    const conflict = await failureOf(
      errand.enqueue('system.noop', {}, { ...key, priority: 3 }),
    );

    expect(repeat).toEqual(first);
    expect(conflict).toMatchObject({
      code: 'request.idempotencyConflict',
      status: 409,
    });
  });

  it('enqueues a job, answers 202 data and reads the job back', async () => {
    const errand = client();

    const accepted = await errand.enqueue(
      'email.send',
      { to: 'user@example.com', subject: 'Welcome!' },
      { retries: 2, priority: 5 },
    );
    const job = await errand.getJob(accepted.id);

    expect(accepted).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'email.send',
      status: 'queued',
      createdAt: expect.any(String),
    });
    expect(job).toMatchObject({
      id: accepted.id,
      type: 'email.send',
      status: 'queued',
      payload: { to: 'user@example.com', subject: 'Welcome!' },
      priority: 5,
      attempts: { made: 0, allowed: 3 },
    });
  });

  describe('when the payload breaks the contract at run time', () => {
    const badPayload = { to: 'not-an-email', subject: 'Hi' } as never;

    it('surfaces the API problem as contract.invalidPayload', async () => {
      const error = await failureOf(client().enqueue('email.send', badPayload));

      expect(error.code).toBe('contract.invalidPayload');
      expect(error.status).toBe(400);
      expect(error.issues.map(issue => issue.path)).toEqual(['/payload/to']);
      expect(error.problem?.code).toBe('contract.invalidPayload');
    });

    it('fails the same way before sending when validating locally', async () => {
      const local = createErrandClient({ baseUrl, validateLocally: true });

      const remote = await failureOf(
        client().enqueue('email.send', badPayload),
      );
      const error = await failureOf(local.enqueue('email.send', badPayload));

      expect(error.code).toBe(remote.code);
      expect(error.issues).toEqual(remote.issues);
      expect(error.status).toBeUndefined();
      expect(error.problem).toBeUndefined();
    });
  });

  describe('enqueueBatch', () => {
    it('enqueues every job and answers them in order', async () => {
      const errand = client();

      const { jobs } = await errand.enqueueBatch([
        { type: 'system.noop', payload: {} },
        {
          type: 'email.send',
          payload: { to: 'user@example.com', subject: 'Hi' },
          retries: 1,
        },
      ]);

      expect(jobs.map(job => [job.type, job.status])).toEqual([
        ['system.noop', 'queued'],
        ['email.send', 'queued'],
      ]);
      expect((await errand.getJob(jobs[1].id)).attempts.allowed).toBe(2);
    });

    it('fails with the index of the bad job, locally as the API does', async () => {
      const jobs = [
        { type: 'system.noop', payload: {} },
        { type: 'email.send', payload: { to: 'nope', subject: 'Hi' } },
      ] as never;
      const local = createErrandClient({ baseUrl, validateLocally: true });

      const remote = await failureOf(client().enqueueBatch(jobs));
      const error = await failureOf(local.enqueueBatch(jobs));

      expect(remote.status).toBe(400);
      expect(remote.issues.map(issue => issue.path)).toEqual([
        '/jobs/1/payload/to',
      ]);
      expect(error.code).toBe(remote.code);
      expect(error.issues).toEqual(remote.issues);
      expect(error.status).toBeUndefined();
    });
  });

  describe('when no job has the id', () => {
    it('fails with job.notFound and status 404', async () => {
      const error = await failureOf(client().getJob('no-such-job'));

      expect(error.code).toBe('job.notFound');
      expect(error.status).toBe(404);
    });
  });

  describe('when the job is dead', () => {
    it('retryJob sends it back to its queue with its attempts reset', async () => {
      const errand = client();
      const { id } = await errand.enqueue('system.fail', { permanent: true });
      const metricsPort = await findFreePort();
      worker = spawnApp(WORKER_MAIN, {
        ...env,
        WORKER_TYPES: 'system.fail',
        METRICS_PORT: String(metricsPort),
      });
      await waitForStatus(errand, id, 'dead');
      // No worker may take the job again before the assertions read it.
      await killApp(worker);

      const retried = await errand.retryJob(id);

      expect(retried).toMatchObject({ id, status: 'queued' });
      expect(retried.attempts.made).toBe(0);
    });
  });

  describe('when the job is not dead', () => {
    it('retryJob fails with job.notDead and status 409', async () => {
      const errand = client();
      const { id } = await errand.enqueue('system.noop', {});

      const error = await failureOf(errand.retryJob(id));

      expect(error.code).toBe('job.notDead');
      expect(error.status).toBe(409);
    });
  });
});

/** Polls the job until it has `status`; fails after `timeoutMs`. */
async function waitForStatus(
  errand: ErrandClient,
  id: string,
  status: JobStatus,
  timeoutMs = 20_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  let job = await errand.getJob(id);
  while (job.status !== status) {
    if (Date.now() > deadline) {
      throw new Error(`job ${id} is ${job.status}, not ${status}`);
    }
    await sleep(100);
    job = await errand.getJob(id);
  }
  return job;
}
