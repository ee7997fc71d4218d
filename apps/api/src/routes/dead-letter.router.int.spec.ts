import request from 'supertest';
import { jobTypes } from '@errand/contracts';
import {
  FAST_RETRY_POLICY,
  testHandlers,
  useQueueFixture,
  waitFor,
} from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('the dead-letter endpoints', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  /** Enqueues system.fail jobs that die on their first attempt. */
  async function deadJobs(count: number, message = 'boom'): Promise<string[]> {
    const consumer = fixture.startConsumer({
      types: jobTypes,
      concurrency: 2,
      retryPolicy: FAST_RETRY_POLICY,
      handlers: testHandlers(),
    });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await request(app())
        .post('/enqueue')
        .send({ type: 'system.fail', payload: { message }, retries: 0 });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    for (const id of ids) {
      await waitFor(
        () => request(app()).get(`/jobs/${id}`),
        res => res.body.status === 'dead',
      );
    }
    await consumer.close(1_000);
    return ids;
  }

  describe('GET /dead-letter', () => {
    it('pages through dead jobs, newest first', async () => {
      const ids = await deadJobs(3);

      const first = await request(app()).get('/dead-letter?limit=2');
      const second = await request(app())
        .get('/dead-letter')
        .query({ limit: 2, cursor: first.body.nextCursor });

      expect(first.status).toBe(200);
      expect(first.body.jobs).toHaveLength(2);
      expect(first.body.jobs[0]).toMatchObject({
        status: 'dead',
        lastError: { message: 'boom' },
      });
      expect(second.body.nextCursor).toBeNull();
      expect(
        [...first.body.jobs, ...second.body.jobs].map(
          (job: { id: string }) => job.id,
        ),
      ).toEqual(ids.slice().reverse());
    });

    it.each([
      ['limit=0', 'request.invalidParameter', '/query/limit'],
      ['cursor=nonsense', 'request.invalidParameter', '/query/cursor'],
      ['type=sms.send', 'contract.unknownJobType', '/query/type'],
    ])(
      'answers 400 for %s, naming the parameter',
      async (query, code, path) => {
        const res = await request(app()).get(`/dead-letter?${query}`);

        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(res.body.code).toBe(code);
        expect(res.body.errors).toEqual([expect.objectContaining({ path })]);
      },
    );
  });

  describe('POST /dead-letter/replay', () => {
    it('replays the listed jobs and answers 200 once done', async () => {
      const ids = await deadJobs(2);

      const res = await request(app())
        .post('/dead-letter/replay')
        .send({ ids, rate: 100 });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        state: 'done',
        rate: 100,
        jobs: ids.map(id => ({ id, type: 'system.fail' })),
        skipped: [],
        more: false,
      });
      const job = await request(app()).get(`/jobs/${ids[0]}`);
      expect(job.body.status).toBe('queued');
      expect(job.body.timeline.at(-1)).toMatchObject({
        event: 'replayed',
        by: 'api',
      });
    });

    it('answers a dry run with what would move, and moves nothing', async () => {
      const ids = await deadJobs(1);

      const res = await request(app())
        .post('/dead-letter/replay')
        .send({ type: 'system.fail', errorContains: 'BOOM', dryRun: true });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'planned',
        jobs: [{ id: ids[0] }],
      });
      expect((await request(app()).get(`/jobs/${ids[0]}`)).body.status).toBe(
        'dead',
      );
    });

    it('answers 400 naming the job and field when the patch breaks the contract', async () => {
      const [id] = await deadJobs(1);

      const res = await request(app())
        .post('/dead-letter/replay')
        .send({ ids: [id], patch: { times: 'twice' } });

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        code: 'contract.invalidPayload',
        errors: [{ path: `/jobs/${id}/payload/times` }],
      });
      expect((await request(app()).get(`/jobs/${id}`)).body.status).toBe(
        'dead',
      );
    });

    it.each([
      ['a rate above 1 000', { type: 'system.fail', rate: 5_000 }, '/rate'],
      ['ids and a filter', { ids: ['x'], type: 'system.fail' }, '/ids'],
      ['an unknown type', { type: 'sms.send' }, '/type'],
      ['nothing to pick', {}, '/'],
    ])('answers 400 for %s, naming the field', async (_, body, path) => {
      const res = await request(app()).post('/dead-letter/replay').send(body);

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path })]),
      );
    });

    it('answers 202 at once when the replay would take longer than 5 s', async () => {
      const ids = await deadJobs(7);

      // At 1 job/s the seventh moves 6 s after the first.
      const started = Date.now();
      const res = await request(app())
        .post('/dead-letter/replay')
        .send({ ids, rate: 1 });

      expect(res.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.body).toMatchObject({ state: 'running', rate: 1 });
      expect(res.body.jobs).toHaveLength(7);
      expect((await request(app()).get(`/jobs/${ids[6]}`)).body.status).toBe(
        'dead',
      );
    });
  });
});
