import type { SettledEvent } from '@errand/queue-core';
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
});
