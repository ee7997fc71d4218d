import { discard, type JobView, parseEnqueueRequest } from '@errand/contracts';
import { randomUUID } from 'node:crypto';
import { findFreePort } from '@errand/local-redis';
import { enqueueJob, getJobView } from '@errand/queue-core';
import {
  testHandlers,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { runInspector } from './cli';

const handlers = testHandlers({
  'system.fail': async () => discard('fails on purpose'),
});

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runInspector(
    argv,
    { out: t => out.push(t), err: t => err.push(t), isTty: false },
    env,
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the inspector CLI against a real Redis', () => {
  const fixture = useQueueFixture();
  let env: Record<string, string>;

  beforeEach(() => {
    env = { REDIS_URL: fixture.server.url, QUEUE_PREFIX: fixture.prefix };
  });

  const enqueue = (body: unknown) =>
    enqueueJob(fixture.queues, parseEnqueueRequest(body));

  describe('list', () => {
    it('prints the jobs as stable JSON, newest first', async () => {
      const first = await enqueue({ type: 'system.noop', payload: {} });
      const second = await enqueue({
        type: 'email.send',
        payload: { to: 'user@example.com', subject: 'Welcome!' },
        retries: 3,
      });
      const { code, stdout } = await run(['list', '--json'], env);
      expect(code).toBe(0);
      const { jobs } = JSON.parse(stdout) as { jobs: JobView[] };
      expect(jobs.map(job => job.id)).toEqual([second.id, first.id]);
      expect(jobs[0]).toMatchObject({
        type: 'email.send',
        status: 'queued',
        attempts: { made: 0, allowed: 4 },
      });
    });

    it('filters by type and prints a plain table when piped', async () => {
      const noop = await enqueue({ type: 'system.noop', payload: {} });
      await enqueue({ type: 'system.sleep', payload: { ms: 1 } });
      const { code, stdout } = await run(
        ['list', '--type', 'system.noop'],
        env,
      );
      expect(code).toBe(0);
      const lines = stdout.split('\n');
      expect(lines[0]).toMatch(/^ID\s+TYPE\s+STATUS/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(noop.id);
    });

    it('rejects an unknown status with exit code 2 and the allowed ones', async () => {
      const { code, stderr } = await run(['list', '--status', 'bogus'], env);
      expect(code).toBe(2);
      expect(stderr).toMatch(/Allowed choices are queued, scheduled/);
    });

    it('rejects a limit out of range with exit code 2', async () => {
      const { code, stderr } = await run(['list', '--limit', '0'], env);
      expect(code).toBe(2);
      expect(stderr).toMatch(/whole number from 1 to 1000/);
    });
  });

  describe('show', () => {
    it('prints one job as its JobView', async () => {
      const job = await enqueue({ type: 'system.sleep', payload: { ms: 5 } });
      const { code, stdout } = await run(['show', job.id, '--json'], env);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({
        id: job.id,
        payload: { ms: 5 },
      });
    });

    it('exits 4 with one line when no job has the id', async () => {
      const id = randomUUID();
      const { code, stdout, stderr } = await run(['show', id], env);
      expect(code).toBe(4);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `inspector: No job has the id "${id}". [job.notFound]`,
      );
    });

    it('escapes the id it echoes, a line feed in it indented', async () => {
      const id = 'x\ninfo [worker] job succeeded\u001b[2J';
      const { code, stderr } = await run(['show', id], env);
      expect(code).toBe(4);
      expect(stderr).toBe(
        'inspector: No job has the id "x\n  info [worker] job succeeded\\x1b[2J". [job.notFound]',
      );
    });
  });

  describe('retry', () => {
    it('sends a dead job back to its queue with its attempts reset', async () => {
      const job = await enqueue({ type: 'system.fail', payload: {} });
      const consumer = fixture.startConsumer({
        types: ['system.fail'],
        concurrency: 1,
        handlers,
      });
      await waitFor(
        () => getJobView(fixture.queues, job.id),
        view => view.status === 'dead',
      );
      await consumer.close(1_000);

      const { code, stdout } = await run(['retry', job.id, '--json'], env);
      expect(code).toBe(0);
      const { retried, failed } = JSON.parse(stdout);
      expect(failed).toEqual([]);
      expect(retried[0]).toMatchObject({
        id: job.id,
        status: 'queued',
        attempts: { made: 0 },
      });
    });

    it('exits 5 for a job that is not dead, still reporting the rest', async () => {
      const job = await enqueue({ type: 'system.noop', payload: {} });
      const missing = randomUUID();
      const { code, stdout, stderr } = await run(
        ['retry', job.id, missing, '--json'],
        env,
      );
      expect(code).toBe(5);
      const { retried, failed } = JSON.parse(stdout);
      expect(retried).toEqual([]);
      expect(failed.map((f: { code: string }) => f.code)).toEqual([
        'job.notDead',
        'job.notFound',
      ]);
      expect(stderr).toContain('[job.notDead]');
    });
  });

  describe('stats', () => {
    it('counts jobs per type', async () => {
      await enqueue({ type: 'system.noop', payload: {} });
      await enqueue({ type: 'system.noop', payload: {}, delay: 60_000 });
      const { code, stdout } = await run(['stats', '--json'], env);
      expect(code).toBe(0);
      const { types } = JSON.parse(stdout);
      expect(
        types.find((t: { type: string }) => t.type === 'system.noop'),
      ).toEqual({
        type: 'system.noop',
        version: 1,
        counts: {
          queued: 1,
          delayed: 1,
          running: 0,
          waiting: 0,
          succeeded: 0,
          dead: 0,
        },
        waitingByVersion: { '1': 2 },
        waitingByVersionComplete: true,
        throughput: {
          lastMinute: { finished: 0, failed: 0 },
          lastHour: { finished: 0, failed: 0 },
        },
        completionRate: null,
        oldestQueuedAgeMs: expect.any(Number),
      });
    });

    it('prints the throughput columns in the table', async () => {
      await enqueue({ type: 'system.noop', payload: {} });
      const { code, stdout } = await run(['stats'], env);
      expect(code).toBe(0);
      const [head, ...rows] = stdout.split('\n');
      expect(head).toMatch(
        /DONE 1M\s+DONE 1H\s+FAILED 1H\s+OK 1H\s+OLDEST QUEUED/,
      );
      const noop = rows.find(row => row.startsWith('system.noop'));
      expect(noop).toMatch(
        /^system\.noop\s+1\s+1\s+0\s+0\s+0\s+0\s+0\s+0\s+0\s+-\s+\d+(ms|s)\s+v1: 1$/,
      );
    });
  });

  describe('when Redis is unreachable', () => {
    it('exits 3 with a one-line message within 2 s', async () => {
      const port = await findFreePort();
      const started = Date.now();
      const { code, stderr } = await run(['stats'], {
        REDIS_URL: `redis://127.0.0.1:${port}`,
      });
      expect(code).toBe(3);
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/unavailable.*\[queue\.unavailable\]$/);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('when REDIS_URL is not a Redis URL', () => {
    it('exits 2 naming the variable', async () => {
      const { code, stderr } = await run(['stats'], { REDIS_URL: 'http://x' });
      expect(code).toBe(2);
      expect(stderr).toMatch(/REDIS_URL/);
    });
  });
});
