import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * Gauges prom-client names with `_total`, a suffix Prometheus keeps for
 * counters (`promtool check metrics` fails on them). Their per-type
 * siblings (`nodejs_active_handles{type}`, …) stay: sum them for a total.
 */
const MISNAMED = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * prom-client's process and Node.js metrics (CPU, memory, heap, event-loop
 * lag, GC, file descriptors) on `registry`, less the misnamed ones.
 */
export function registerProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED) registry.removeSingleMetric(name);
}
