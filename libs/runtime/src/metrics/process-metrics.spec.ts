import { Registry } from 'prom-client';
import { registerProcessMetrics } from './process-metrics';

describe('registerProcessMetrics', () => {
  it("registers prom-client's process and Node.js metrics", async () => {
    const registry = new Registry();
    registerProcessMetrics(registry);

    const text = await registry.metrics();

    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('leaves out the gauges prom-client names like counters', async () => {
    const registry = new Registry();
    registerProcessMetrics(registry);

    const names = (await registry.getMetricsAsJSON()).map(m => m.name);

    expect(names).not.toContain('nodejs_active_handles_total');
    expect(names).not.toContain('nodejs_active_requests_total');
    expect(names).not.toContain('nodejs_active_resources_total');
    expect(names).toContain('nodejs_active_handles');
  });
});
