import { Gauge, type Registry } from 'prom-client';
import {
  countJobStates,
  type JobStore,
  type TypeStatusCounts,
} from '@errand/queue-core';

/** How {@link queueDepthMetrics} reads Redis. */
export interface QueueDepthOptions {
  /**
   * How long one read serves scrapes: several Prometheus servers or a
   * dashboard refreshing every second cost one read per period.
   * @defaultValue 5 000 ms
   */
  cacheMs?: number;
}

/**
 * Queue depth gauges, read from Redis when Prometheus scrapes, not on every
 * job: `errand_queue_jobs{type,status}`, `errand_dead_letter_jobs{type}`,
 * and `errand_queue_depth_up`, 1 when the last read worked. The read is one
 * `getJobCounts` per type under the JobStore's deadline (800 ms), so a
 * scrape never hangs on a dead Redis: the depth series are then absent and
 * `errand_queue_depth_up` is 0, which an alert can watch.
 */
export function queueDepthMetrics(
  registry: Registry,
  queues: JobStore,
  { cacheMs = 5_000 }: QueueDepthOptions = {},
): void {
  let cached: { at: number; states: TypeStatusCounts[] | undefined } = {
    at: -Infinity,
    states: undefined,
  };
  let reading: Promise<TypeStatusCounts[] | undefined> | undefined;

  /** The cached counts, or one read shared by concurrent scrapes. */
  const read = (): Promise<TypeStatusCounts[] | undefined> => {
    if (Date.now() - cached.at < cacheMs) return Promise.resolve(cached.states);
    reading ??= countJobStates(queues)
      .catch(() => undefined)
      .then(states => {
        cached = { at: Date.now(), states };
        reading = undefined;
        return states;
      });
    return reading;
  };

  new Gauge({
    name: 'errand_queue_jobs',
    help: 'Jobs per type by status (queued, delayed, running, waiting for children in a flow, succeeded, dead), read from Redis at scrape time.',
    labelNames: ['type', 'status'],
    registers: [registry],
    async collect() {
      const states = await read();
      this.reset();
      for (const { type, counts } of states ?? []) {
        for (const [status, n] of Object.entries(counts)) {
          this.set({ type, status }, n);
        }
      }
    },
  });
  new Gauge({
    name: 'errand_dead_letter_jobs',
    help: 'Jobs per type in the dead-letter queue, read from Redis at scrape time.',
    labelNames: ['type'],
    registers: [registry],
    async collect() {
      const states = await read();
      this.reset();
      for (const { type, counts } of states ?? []) {
        this.set({ type }, counts.dead);
      }
    },
  });
  new Gauge({
    name: 'errand_queue_depth_up',
    help: '1 when the last read of the queue depths from Redis worked, 0 when it failed.',
    registers: [registry],
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });
}
