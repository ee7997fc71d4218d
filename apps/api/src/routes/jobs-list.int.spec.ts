import request from 'supertest';
import { Value } from '@sinclair/typebox/value';
import { JobList } from '@errand/contracts';
import { enqueueJob } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('GET /jobs', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  /** Enqueues `n` noops at once; their ids, newest first. */
  async function enqueueNoops(n: number): Promise<string[]> {
    const jobs = await Promise.all(
      Array.from({ length: n }, () =>
        enqueueJob(fixture.queues, { type: 'system.noop', payload: {} }),
      ),
    );
    return jobs
      .sort(
        (a, b) =>
          b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1),
      )
      .map(job => job.id);
  }

  describe('without a query', () => {
    it('answers the newest 50 jobs and a cursor to the rest', async () => {
      const ids = await enqueueNoops(51);

      const res = await request(app()).get('/jobs');

      expect(res.status).toBe(200);
      expect(Value.Check(JobList, res.body)).toBe(true);
      expect(res.body.jobs.map((j: { id: string }) => j.id)).toEqual(
        ids.slice(0, 50),
      );
      expect(res.body.nextCursor).toEqual(expect.any(String));

      const rest = await request(app())
        .get('/jobs')
        .query({ cursor: res.body.nextCursor });
      expect(rest.body).toMatchObject({
        jobs: [{ id: ids[50] }],
        nextCursor: null,
      });
    });
  });

  describe('with filters', () => {
    it('lists only the status and type asked for', async () => {
      await enqueueNoops(2);
      const scheduled = await enqueueJob(fixture.queues, {
        type: 'system.noop',
        payload: {},
        delay: 60_000,
      });

      const res = await request(app())
        .get('/jobs')
        .query({ status: 'scheduled', type: 'system.noop', limit: '10' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        jobs: [expect.objectContaining({ id: scheduled.id })],
        nextCursor: null,
      });
    });
  });

  describe('when a query parameter is bad', () => {
    it.each([
      ['limit', { limit: '0' }],
      ['limit', { limit: '501' }],
      ['limit', { limit: 'many' }],
      ['status', { status: 'finished' }],
      ['cursor', { cursor: 'bogus' }],
    ])(
      'answers 400 request.invalidParameter naming %s',
      async (name, query) => {
        const res = await request(app()).get('/jobs').query(query);

        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(res.body.code).toBe('request.invalidParameter');
        expect(res.body.detail).toContain(name);
        expect(res.body.errors).toEqual([
          expect.objectContaining({ path: `/query/${name}` }),
        ]);
      },
    );

    it('answers 400 contract.unknownJobType for an unknown type', async () => {
      const res = await request(app()).get('/jobs').query({ type: 'sms.send' });

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.unknownJobType');
    });
  });
});
