import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  completed,
  ContractViolationError,
  type EmailSendPayload,
  jobTypes,
  type JobView,
  parseReplayRequest,
  retry,
} from '@errand/contracts';
// Another wing's code, reached as users reach it: through the lib's door.
import { enqueueJob } from '../../index';
import { getJobView } from '../../store/find-job';
import { JobStore } from '../../store/job-store';
import { createPayloadCipher } from '../../store/security/payload-cipher';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
  type Consumer,
} from '../../testing/index';
import { replayDeadJobs } from './replay-dead-jobs';

describe('replayDeadJobs', () => {
  const fixture = useQueueFixture();
  /** Email bodies the handler saw, by subject. */
  let seen: Map<string, EmailSendPayload>;

  beforeEach(() => {
    seen = new Map();
  });

  /**
   * A system.fail job succeeds once its message is "ok"; an email once its
   * subject is "fixed". Everything else fails, and with retries: 0 dies.
   */
  function start(queues: JobStore = fixture.queues): Consumer {
    return fixture.startConsumer({
      types: jobTypes,
      concurrency: 2,
      retryPolicy: FAST_RETRY_POLICY,
      cipher: queues.cipher,
      handlers: testHandlers({
        'system.fail': async ({ message }, { attempt }) =>
          message === 'ok'
            ? completed({ succeededOnAttempt: attempt })
            : retry(message ?? 'failed'),
        'email.send': async payload => {
          seen.set(payload.subject, payload);
          return payload.subject === 'fixed'
            ? completed({ messageId: 'm-1' })
            : retry('mailbox full');
        },
      }),
    });
  }

  const view = (id: string, queues = fixture.queues) =>
    getJobView(queues, id, { revealSensitive: true });
  const waitForStatus = (
    id: string,
    status: JobView['status'],
    queues = fixture.queues,
  ) =>
    waitFor(
      () => view(id, queues),
      job => job.status === status,
    );

  /** Enqueues system.fail jobs failing with `message`; waits until dead. */
  async function deadJobs(count: number, message: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { id } = await enqueueJob(fixture.queues, {
        type: 'system.fail',
        payload: { message },
        retries: 0,
      });
      ids.push(id);
    }
    for (const id of ids) await waitForStatus(id, 'dead');
    return ids;
  }

  const replay = (body: unknown, answerWithinMs?: number) =>
    replayDeadJobs(fixture.queues, parseReplayRequest(body), {
      by: 'test-operator',
      answerWithinMs,
    });

  describe('when given ids', () => {
    it('moves the dead ones back with attempts reset, and skips the rest', async () => {
      const consumer = start();
      const ids = await deadJobs(2, 'boom');
      await consumer.close(1_000);
      const { id: queued } = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
      });
      const unknown = randomUUID();

      const { result, background } = await replay({
        ids: [...ids, queued, unknown],
      });

      expect(background).toBeUndefined();
      expect(result).toEqual({
        state: 'done',
        rate: 50,
        jobs: ids.map(id => ({ id, type: 'system.fail' })),
        skipped: [
          {
            id: queued,
            code: 'job.notDead',
            message: 'The job is queued, not dead.',
          },
          { id: unknown, code: 'job.notFound', message: expect.any(String) },
        ],
        more: false,
      });
      for (const id of ids) {
        expect(await view(id)).toMatchObject({
          status: 'queued',
          attempts: { made: 0, allowed: 1 },
          lastError: null,
        });
      }
    });
  });

  describe('when given a filter', () => {
    it('moves the jobs of the type that died since then with that error', async () => {
      const consumer = start();
      const [before] = await deadJobs(1, 'ECONNREFUSED 10.0.0.7');
      await sleep(5);
      const since = new Date().toISOString();
      await sleep(5);
      const matching = await deadJobs(2, 'connect ECONNREFUSED 10.0.0.7:443');
      const [other] = await deadJobs(1, 'bad request');
      await consumer.close(1_000);

      const { result } = await replay({
        type: 'system.fail',
        since,
        errorContains: 'econnrefused',
      });

      // Jobs that died in the same millisecond come in either order.
      expect(result.jobs.map(job => job.id).sort()).toEqual(
        [...matching].sort(),
      );
      for (const id of matching) {
        expect((await view(id)).status).toBe('queued');
      }
      expect((await view(before)).status).toBe('dead');
      expect((await view(other)).status).toBe('dead');
    });
  });

  describe('when it is a dry run', () => {
    it('answers what would move, and moves nothing', async () => {
      const consumer = start();
      const ids = await deadJobs(2, 'boom');
      await consumer.close(1_000);

      const { result } = await replay({
        type: 'system.fail',
        dryRun: true,
        patch: { message: 'ok' },
      });

      expect(result.state).toBe('planned');
      // Jobs that died in the same millisecond come in either order.
      expect(result.jobs.map(job => [job.id, job.type]).sort()).toEqual(
        ids.map(id => [id, 'system.fail']).sort(),
      );
      for (const id of ids) {
        const job = await view(id);
        expect(job.status).toBe('dead');
        expect(job.payload).toEqual({ message: 'boom' });
        expect(job.timeline?.map(e => e.event)).not.toContain('replayed');
      }
    });
  });

  describe('when the patch breaks the contract', () => {
    it('refuses, naming each job and field, and moves nothing', async () => {
      const consumer = start();
      const ids = await deadJobs(2, 'boom');
      await consumer.close(1_000);

      const error = await replay({ ids, patch: { times: 0 } }).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(ContractViolationError);
      expect(error).toMatchObject({
        code: 'contract.invalidPayload',
        issues: ids.map(id => ({
          path: `/jobs/${id}/payload/times`,
          message: expect.any(String),
        })),
      });
      for (const id of ids) {
        const job = await view(id);
        expect(job.status).toBe('dead');
        expect(job.payload).toEqual({ message: 'boom' });
      }
    });
  });

  describe('when the patch is valid', () => {
    it('applies it, the job succeeds, and the replay is on its timeline', async () => {
      start();
      const [id] = await deadJobs(1, 'boom');

      await replay({ ids: [id], patch: { message: 'ok', times: 2 } });
      const done = await waitForStatus(id, 'succeeded');

      expect(done.payload).toEqual({ message: 'ok', times: 2 });
      expect(done.attempts.made).toBe(1);
      expect(done.result).toEqual({ succeededOnAttempt: 1 });
      const kinds = ['failed', 'replayed', 'succeeded'];
      expect(
        done.timeline?.map(e => e.event).filter(e => kinds.includes(e)),
      ).toEqual(kinds);
      expect(done.timeline?.find(e => e.event === 'replayed')).toEqual({
        at: expect.any(String),
        event: 'replayed',
        by: 'test-operator',
        patch: { message: 'ok', times: 2 },
      });
    });

    it('opens a sealed payload, patches it, seals it again, and records sensitive fields redacted', async () => {
      const queues = new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
        cipher: createPayloadCipher(randomBytes(32)),
      });
      try {
        start(queues);
        const { id } = await enqueueJob(queues, {
          type: 'email.send',
          payload: { to: 'a@example.com', subject: 'first', text: 'secret' },
          retries: 0,
        });
        await waitForStatus(id, 'dead', queues);

        await replayDeadJobs(
          queues,
          parseReplayRequest({
            ids: [id],
            patch: { subject: 'fixed', html: '<p>new secret</p>' },
          }),
          { by: 'test-operator' },
        );
        const done = await waitForStatus(id, 'succeeded', queues);

        expect(seen.get('fixed')).toEqual({
          to: 'a@example.com',
          subject: 'fixed',
          text: 'secret',
          html: '<p>new secret</p>',
        });
        const stored = JSON.stringify(done.payload);
        expect(stored).not.toContain('secret');
        expect(done.timeline?.find(e => e.event === 'replayed')?.patch).toEqual(
          { subject: 'fixed', html: '[redacted]' },
        );
      } finally {
        await queues.close();
      }
    });
  });

  describe('when given a rate', () => {
    it('spaces the moves: 5 jobs at 10/s take at least 400 ms', async () => {
      const consumer = start();
      const ids = await deadJobs(5, 'boom');
      await consumer.close(1_000);

      const started = Date.now();
      const { result } = await replay({ ids, rate: 10 });

      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(result.jobs).toHaveLength(5);
    });
  });

  describe('when it takes longer than it may to answer', () => {
    it('answers running at once, and finishes in the background', async () => {
      const consumer = start();
      const ids = await deadJobs(3, 'boom');
      await consumer.close(1_000);

      const { result, background } = await replay({ ids, rate: 20 }, 0);

      expect(result.state).toBe('running');
      expect(result.jobs.map(job => job.id)).toEqual(ids);
      expect((await view(ids[2])).status).toBe('dead');
      await expect(background).resolves.toMatchObject({
        state: 'done',
        jobs: ids.map(id => ({ id, type: 'system.fail' })),
      });
      expect((await view(ids[2])).status).toBe('queued');
    });
  });
});
