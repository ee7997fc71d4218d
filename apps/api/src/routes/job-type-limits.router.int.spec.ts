import request from 'supertest';
import { Value } from '@sinclair/typebox/value';
import { JobTypeLimitsView, TypeStatsList } from '@errand/contracts';
import { limitDefaultsFrom, readAuditLog } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import type { ApiKey } from '../auth/api-key';
import { hashApiKey } from '../auth/find-api-key';

const ADMIN = 'errand_admin-key-for-limits-0123456789abcdef';
const PRODUCER = 'errand_producer-key-for-limits-0123456789ab';
const keys: ApiKey[] = [
  { name: 'ops', role: 'admin', hash: hashApiKey(ADMIN) },
  { name: 'shop', role: 'producer', hash: hashApiKey(PRODUCER) },
];
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

const limits = {
  rateLimit: { max: 10, durationMs: 1_000 },
  maxConcurrent: 5,
  perKeyConcurrency: 2,
};

describe('/job-types/{type}/limits', () => {
  const fixture = useQueueFixture();
  const app = () =>
    createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      apiKeys: keys,
      limitDefaults: limitDefaultsFrom({
        JOB_TYPE_LIMITS: '{"image.resize":{"perKeyConcurrency":2}}',
      }),
    });

  it('answers the defaults, then the limits an admin sets, audited', async () => {
    const before = await request(app())
      .get('/job-types/image.resize/limits')
      .set(bearer(ADMIN));
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      type: 'image.resize',
      limits: { rateLimit: null, maxConcurrent: null, perKeyConcurrency: 2 },
      source: 'config',
    });

    const put = await request(app())
      .put('/job-types/email.send/limits')
      .set(bearer(ADMIN))
      .send(limits);
    expect(put.status).toBe(200);
    expect(Value.Check(JobTypeLimitsView, put.body)).toBe(true);

    const after = await request(app())
      .get('/job-types/email.send/limits')
      .set(bearer(ADMIN));
    expect(after.body).toEqual({
      type: 'email.send',
      limits,
      source: 'runtime',
    });

    const [entry] = await readAuditLog(fixture.queues, 1);
    expect(entry).toMatchObject({
      actor: 'ops',
      action: 'limits.set',
      count: 1,
      details: { type: 'email.send', limits },
    });
  });

  it('writes the rate limit and the cap where every BullMQ worker reads them', async () => {
    await request(app())
      .put('/job-types/email.send/limits')
      .set(bearer(ADMIN))
      .send(limits)
      .expect(200);
    const queue = fixture.queues.queueFor('email.send');
    expect(await queue.getGlobalConcurrency()).toBe(5);
    expect(await queue.getGlobalRateLimit()).toEqual({
      max: 10,
      duration: 1_000,
    });

    const stats = await request(app()).get('/stats').set(bearer(ADMIN));
    expect(Value.Check(TypeStatsList, stats.body)).toBe(true);
    const email = stats.body.types.find(
      (t: { type: string }) => t.type === 'email.send',
    );
    expect(email.flow).toMatchObject({ limits, source: 'runtime' });
    const metrics = await request(app()).get('/metrics').set(bearer(ADMIN));
    expect(metrics.text).toContain(
      'errand_flow_limit{type="email.send",limit="maxConcurrent"} 5',
    );
    expect(metrics.text).toContain(
      'errand_flow_limit{type="email.send",limit="rate"} 10',
    );
    expect(metrics.text).toContain(
      'errand_flow_held_jobs{type="email.send",limit="key"} 0',
    );

    await request(app())
      .put('/job-types/email.send/limits')
      .set(bearer(ADMIN))
      .send({ rateLimit: null, maxConcurrent: null, perKeyConcurrency: null })
      .expect(200);
    expect(await queue.getGlobalConcurrency()).toBeNull();
  });

  describe('DELETE, a reset to the defaults', () => {
    it("puts back the configuration's limits where every worker reads them, audited", async () => {
      await request(app())
        .put('/job-types/image.resize/limits')
        .set(bearer(ADMIN))
        .send(limits)
        .expect(200);
      const queue = fixture.queues.queueFor('image.resize');
      expect(await queue.getGlobalConcurrency()).toBe(5);

      const reset = await request(app())
        .delete('/job-types/image.resize/limits')
        .set(bearer(ADMIN));

      const defaults = {
        type: 'image.resize',
        limits: { rateLimit: null, maxConcurrent: null, perKeyConcurrency: 2 },
        source: 'config',
      };
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual(defaults);
      const after = await request(app())
        .get('/job-types/image.resize/limits')
        .set(bearer(ADMIN));
      expect(after.body).toEqual(defaults);
      expect(await queue.getGlobalConcurrency()).toBeNull();
      // No rate limit: BullMQ's is the unreachable one the pause needs.
      expect((await queue.getGlobalRateLimit())?.max).toBe(
        Number.MAX_SAFE_INTEGER,
      );
      const [entry] = await readAuditLog(fixture.queues, 1);
      expect(entry).toMatchObject({
        actor: 'ops',
        action: 'limits.reset',
        count: 1,
        details: {
          type: 'image.resize',
          limits: defaults.limits,
          before: limits,
        },
      });
    });

    it("answers the catalog's limits for a type the configuration leaves out", async () => {
      const reset = await request(app())
        .delete('/job-types/email.send/limits')
        .set(bearer(ADMIN));
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ source: 'catalog' });
    });

    it('answers 403 to a producer key and keeps the limits', async () => {
      await request(app())
        .put('/job-types/email.send/limits')
        .set(bearer(ADMIN))
        .send(limits)
        .expect(200);

      const res = await request(app())
        .delete('/job-types/email.send/limits')
        .set(bearer(PRODUCER));

      expect(res.status).toBe(403);
      expect(
        await fixture.queues.queueFor('email.send').getGlobalConcurrency(),
      ).toBe(5);
    });

    it('answers 400 naming /type for an unknown type', async () => {
      const res = await request(app())
        .delete('/job-types/fax.send/limits')
        .set(bearer(ADMIN));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('/type');
    });
  });

  describe('when the input is bad', () => {
    it.each([
      ['a zero cap', { ...limits, maxConcurrent: 0 }, '/maxConcurrent'],
      [
        'a negative cap',
        { ...limits, perKeyConcurrency: -2 },
        '/perKeyConcurrency',
      ],
      [
        'a fractional rate',
        { ...limits, rateLimit: { max: 2.5, durationMs: 1_000 } },
        '/rateLimit/max',
      ],
      [
        'a missing window',
        { ...limits, rateLimit: { max: 2 } },
        '/rateLimit/durationMs',
      ],
    ])('answers 400 for %s, naming the field', async (_name, body, path) => {
      const res = await request(app())
        .put('/job-types/email.send/limits')
        .set(bearer(ADMIN))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((i: { path: string }) => i.path)).toContain(
        path,
      );
    });

    it('answers 400 naming /type for an unknown type', async () => {
      const res = await request(app())
        .put('/job-types/fax.send/limits')
        .set(bearer(ADMIN))
        .send(limits);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('contract.unknownJobType');
      expect(res.body.errors[0].path).toBe('/type');
    });

    it('answers 403 to a producer key, and changes nothing', async () => {
      const res = await request(app())
        .put('/job-types/email.send/limits')
        .set(bearer(PRODUCER))
        .send(limits);
      expect(res.status).toBe(403);
      const get = await request(app())
        .get('/job-types/email.send/limits')
        .set(bearer(PRODUCER));
      expect(get.status).toBe(403);
      // The 403s never reach Redis, so the store may still be connecting:
      // the read waits for it as the routes do, within the deadline.
      const store = fixture.queues;
      expect(
        await store.runWithDeadline(() =>
          store.queueFor('email.send').getGlobalConcurrency(),
        ),
      ).toBeNull();
    });
  });
});
