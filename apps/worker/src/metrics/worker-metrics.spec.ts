import type { Server } from 'node:http';
import request from 'supertest';
import { findFreePort } from '@errand/local-redis';
import type { SettledEvent } from '@errand/queue-core';
import {
  describeWithPromtool,
  promtoolProblems,
} from '@errand/runtime/testing';
import { startHealthServer } from '../http/health-server';
import { createWorkerMetrics } from './worker-metrics';

function settled(overrides: Partial<SettledEvent> = {}): SettledEvent {
  return {
    type: 'email.send',
    jobId: 'job-1',
    attempt: 1,
    settlement: 'succeeded',
    durationMs: 20,
    waitMs: 5,
    ...overrides,
  };
}

describe('createWorkerMetrics', () => {
  it('counts each settled attempt by type and outcome', async () => {
    const metrics = createWorkerMetrics();

    metrics.observe(settled());
    metrics.observe(settled());
    metrics.observe(settled({ type: 'system.fail', settlement: 'retrying' }));
    metrics.observe(settled({ type: 'system.fail', settlement: 'dead' }));

    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'errand_jobs_processed_total{type="email.send",outcome="succeeded"} 2',
    );
    expect(text).toContain(
      'errand_jobs_processed_total{type="system.fail",outcome="retrying"} 1',
    );
    expect(text).toContain(
      'errand_jobs_processed_total{type="system.fail",outcome="dead"} 1',
    );
  });

  it('records run and wait times in seconds', async () => {
    const metrics = createWorkerMetrics();

    metrics.observe(settled({ durationMs: 1_500, waitMs: 250 }));

    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'errand_job_run_duration_seconds_sum{type="email.send"} 1.5',
    );
    expect(text).toContain(
      'errand_job_wait_duration_seconds_sum{type="email.send"} 0.25',
    );
    expect(text).toContain(
      'errand_job_run_duration_seconds_bucket{le="1",type="email.send"} 0',
    );
    expect(text).toContain(
      'errand_job_run_duration_seconds_bucket{le="5",type="email.send"} 1',
    );
  });

  it('exposes process metrics beside the job metrics', async () => {
    const text = await createWorkerMetrics().registry.metrics();

    expect(text).toContain('process_cpu_seconds_total');
  });

  it('gives every worker its own registry', async () => {
    const first = createWorkerMetrics();
    const second = createWorkerMetrics();

    first.observe(settled());

    expect(await second.registry.metrics()).not.toContain(
      'errand_jobs_processed_total{',
    );
  });

  it('records how many attempts a job took once it ends, not while it retries', async () => {
    const metrics = createWorkerMetrics();

    metrics.observe(settled({ settlement: 'retrying', attempt: 1 }));
    metrics.observe(settled({ settlement: 'succeeded', attempt: 2 }));
    metrics.observe(settled({ settlement: 'dead', attempt: 4 }));

    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'errand_job_attempts_count{type="email.send",outcome="succeeded"} 1',
    );
    expect(text).toContain(
      'errand_job_attempts_sum{type="email.send",outcome="succeeded"} 2',
    );
    expect(text).toContain(
      'errand_job_attempts_sum{type="email.send",outcome="dead"} 4',
    );
    expect(text).not.toMatch(/errand_job_attempts_count\{[^}]*retrying/);
  });

  it('counts the jobs running now, from zero for each served type', async () => {
    const metrics = createWorkerMetrics(['email.send', 'system.noop']);
    const gauge = async () =>
      (await metrics.registry.getSingleMetric('errand_jobs_active')?.get())
        ?.values;

    expect(await gauge()).toEqual([
      { labels: { type: 'email.send' }, value: 0 },
      { labels: { type: 'system.noop' }, value: 0 },
    ]);
    metrics.started('email.send');
    metrics.started('email.send');
    metrics.observe(settled({ settlement: 'retrying' }));

    expect((await gauge())?.[0]).toEqual({
      labels: { type: 'email.send' },
      value: 1,
    });
    metrics.observe(settled());
    expect((await gauge())?.[0].value).toBe(0);
    // An attempt that ends without having been counted leaves it at zero.
    metrics.observe(settled());
    expect((await gauge())?.[0].value).toBe(0);
  });
});

describeWithPromtool('GET /metrics of the worker, checked by promtool', () => {
  let server: Server;

  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('passes promtool check metrics after every kind of settlement', async () => {
    const metrics = createWorkerMetrics(['email.send', 'system.fail']);
    for (const settlement of [
      'succeeded',
      'retrying',
      'dead',
      'snoozed',
      'released',
      'cancelled',
    ] as const) {
      metrics.observe(settled({ settlement, attempt: 2 }));
    }
    metrics.started('system.fail');
    server = await startHealthServer({
      port: await findFreePort(),
      registry: metrics.registry,
      isHealthy: () => true,
    });

    const res = await request(server).get('/metrics');

    expect(res.status).toBe(200);
    for (const name of [
      'errand_jobs_processed_total',
      'errand_job_run_duration_seconds_bucket',
      'errand_job_wait_duration_seconds_bucket',
      'errand_job_attempts_bucket',
      'errand_jobs_active',
      'process_resident_memory_bytes',
    ]) {
      expect(res.text).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    }
    expect(promtoolProblems(res.text)).toBe('');
  });
});
