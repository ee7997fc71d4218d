import { Gauge, type Registry } from 'prom-client';
import type { FlowState, JobType } from '@errand/contracts';
import { readFlowStates, type JobStore } from '@errand/queue-core';

/** How long one read of every type's flow state serves scrapes. */
const CACHE_MS = 5_000;

type TypeFlow = FlowState & { type: JobType };

/**
 * Flow-control gauges (docs/flow-control.md), read from Redis when
 * Prometheus scrapes, cached as the queue depth is:
 * `errand_flow_limit{type,limit}` (0 when off; the rate limit as jobs a
 * second), `errand_flow_paused_until_seconds{type}` (0 when no provider
 * pause holds), `errand_flow_running{type}` against `maxConcurrent`, and
 * `errand_flow_held_jobs{type,limit}`. A failed read leaves them absent.
 */
export function flowMetrics(registry: Registry, queues: JobStore): void {
  let cached: { at: number; flows: TypeFlow[] } = { at: -Infinity, flows: [] };
  let reading: Promise<TypeFlow[]> | undefined;
  const read = (): Promise<TypeFlow[]> => {
    if (Date.now() - cached.at < CACHE_MS) {
      return Promise.resolve(cached.flows);
    }
    reading ??= readFlowStates(queues, queues.limitDefaults)
      .catch(() => [])
      .then(flows => {
        cached = { at: Date.now(), flows };
        reading = undefined;
        return flows;
      });
    return reading;
  };
  const gauge = (
    name: string,
    help: string,
    labelNames: string[],
    fill: (
      set: (labels: object, value: number) => void,
      flow: TypeFlow,
    ) => void,
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const flows = await read();
        this.reset();
        for (const flow of flows) {
          fill((labels, value) => this.set(labels, value), flow);
        }
      },
    });

  gauge(
    'errand_flow_limit',
    'Flow limits per type: rate (jobs a second), maxConcurrent, perKeyConcurrency; 0 when off.',
    ['type', 'limit'],
    (set, { type, limits }) => {
      const rate = limits.rateLimit;
      set(
        { type, limit: 'rate' },
        rate ? (rate.max * 1_000) / rate.durationMs : 0,
      );
      set({ type, limit: 'maxConcurrent' }, limits.maxConcurrent ?? 0);
      set({ type, limit: 'perKeyConcurrency' }, limits.perKeyConcurrency ?? 0);
    },
  );
  gauge(
    'errand_flow_paused_until_seconds',
    "When a provider's pause of the type ends (Unix seconds); 0 when none holds.",
    ['type'],
    (set, { type, pausedUntil }) =>
      set({ type }, pausedUntil ? Date.parse(pausedUntil) / 1_000 : 0),
  );
  gauge(
    'errand_flow_running',
    'Jobs of the type running now, against its maxConcurrent.',
    ['type'],
    (set, { type, running }) => set({ type }, running),
  );
  gauge(
    'errand_flow_held_jobs',
    'Queued jobs each kind of limit holds back now (rateLimit, maxConcurrent, provider, key).',
    ['type', 'limit'],
    (set, { type, held }) => {
      for (const [limit, n] of Object.entries(held)) set({ type, limit }, n);
    },
  );
}
