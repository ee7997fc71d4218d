import {
  collectDefaultMetrics,
  Counter,
  Histogram,
  Registry,
} from 'prom-client';
import type { SettledEvent } from '@errand/queue-core';

const SECONDS_BUCKETS = [
  0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300,
];

/** The worker's Prometheus metrics and the one call that feeds them. */
export interface WorkerMetrics {
  registry: Registry;
  observe(event: SettledEvent): void;
}

/** A registry with process metrics and per-type job metrics. */
export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const processed = new Counter({
    name: 'errand_jobs_processed_total',
    help: 'Job attempts that ended, by type and where they left the job (succeeded, retrying, dead).',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const runTime = new Histogram({
    name: 'errand_job_run_duration_seconds',
    help: 'How long one attempt ran, by type.',
    labelNames: ['type'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const waitTime = new Histogram({
    name: 'errand_job_wait_duration_seconds',
    help: 'From when a job could run to when its attempt started, by type.',
    labelNames: ['type'],
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    observe(event) {
      processed.inc({ type: event.type, outcome: event.settlement });
      runTime.observe({ type: event.type }, event.durationMs / 1_000);
      waitTime.observe({ type: event.type }, event.waitMs / 1_000);
    },
  };
}
