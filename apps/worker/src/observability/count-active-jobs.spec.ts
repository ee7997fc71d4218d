import { testJobContext } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createHandlers } from '../handlers/create-handlers';
import { createWorkerMetrics } from '../metrics/worker-metrics';
import { countActiveJobs } from './count-active-jobs';

describe('countActiveJobs', () => {
  it('counts a job as active while its handler runs, even when it throws', async () => {
    const metrics = createWorkerMetrics(['system.noop']);
    const active = async () =>
      (await metrics.registry.getSingleMetric('errand_jobs_active')?.get())
        ?.values[0]?.value;
    let during: number | undefined;
    const handlers = countActiveJobs(
      {
        ...createHandlers(createSilentLogger()),
        'system.noop': async () => {
          during = await active();
          throw new Error('boom');
        },
      },
      metrics,
    );

    await expect(
      handlers['system.noop']({}, testJobContext('system.noop')),
    ).rejects.toThrow('boom');

    expect(during).toBe(1);
    expect(await active()).toBe(0);
  });
});
