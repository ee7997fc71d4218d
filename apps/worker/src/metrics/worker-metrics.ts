import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SettledEvent } from '@errand/queue-core';
import { registerProcessMetrics } from '@errand/runtime';

const SECONDS_BUCKETS = [
  0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300,
];

/** Up to the 26 attempts of 25 retries, the most a job may have. */
const ATTEMPT_BUCKETS = [1, 2, 3, 4, 6, 11, 16, 26];

/** Settlements that end a job for good (a retrying or snoozed job goes on). */
const FINAL = new Set(['succeeded', 'dead', 'cancelled']);

/** The worker's Prometheus metrics and the calls that feed them. */
export interface WorkerMetrics {
  registry: Registry;
  /** An attempt of a job of `type` started; {@link observe} ends it. */
  started(type: string): void;
  /** One attempt ended. */
  observe(event: SettledEvent): void;
}

/**
 * A registry with process metrics and per-type job metrics. Every
 * observation is in memory: nothing here talks to Redis, so the cost per
 * job is a few counter increments. `types` start at zero on the gauges, so
 * an idle worker shows 0 rather than nothing.
 */
export function createWorkerMetrics(
  types: readonly string[] = [],
): WorkerMetrics {
  const registry = new Registry();
  registerProcessMetrics(registry);
  const processed = new Counter({
    name: 'errand_jobs_processed_total',
    help: 'Job attempts that ended, by type and where they left the job (succeeded, retrying, dead, snoozed, released, cancelled).',
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
  const attempts = new Histogram({
    name: 'errand_job_attempts',
    help: 'Attempts a job took, observed when it ends (succeeded, dead or cancelled), by type and outcome.',
    labelNames: ['type', 'outcome'],
    buckets: ATTEMPT_BUCKETS,
    registers: [registry],
  });
  // Plain counts, read into the gauge when it is scraped: two labelled
  // gauge updates per job cost more than the rest of the job's metrics.
  const running = new Map<string, number>(types.map(type => [type, 0]));
  new Gauge({
    name: 'errand_jobs_active',
    help: 'Jobs this process is running right now, by type.',
    labelNames: ['type'],
    registers: [registry],
    collect() {
      for (const [type, count] of running) this.set({ type }, count);
    },
  });
  return {
    registry,
    started(type) {
      running.set(type, (running.get(type) ?? 0) + 1);
    },
    observe(event) {
      running.set(event.type, Math.max(0, (running.get(event.type) ?? 0) - 1));
      processed.inc({ type: event.type, outcome: event.settlement });
      runTime.observe({ type: event.type }, event.durationMs / 1_000);
      waitTime.observe({ type: event.type }, event.waitMs / 1_000);
      if (FINAL.has(event.settlement)) {
        attempts.observe(
          { type: event.type, outcome: event.settlement },
          event.attempt,
        );
      }
    },
  };
}
