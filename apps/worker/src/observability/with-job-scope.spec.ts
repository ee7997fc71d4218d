import { completed, type JobContext } from '@errand/queue-core';
import { testJobContext } from '@errand/queue-core/testing';
import { createLogger, type Logger } from '@errand/runtime';
import { createHandlers } from '../handlers/create-handlers';
import { createWorkerMetrics } from '../metrics/worker-metrics';
import { jobLogFields, withJobScope } from './with-job-scope';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** The stream winston's Console transport writes to inside Jest. */
const consoleStdout = () =>
  (console as unknown as { _stdout: NodeJS.WriteStream })._stdout;

describe('withJobScope', () => {
  let stdout: jest.SpyInstance;
  let logger: Logger;

  beforeEach(() => {
    stdout = jest.spyOn(consoleStdout(), 'write').mockReturnValue(true);
    logger = createLogger({ service: 'worker', format: 'json' });
  });

  afterEach(() => {
    logger.close();
    stdout.mockRestore();
  });

  const printed = () =>
    stdout.mock.calls.map(([chunk]) => JSON.parse(String(chunk)));

  function contextFor(overrides: Partial<JobContext> = {}): JobContext {
    return {
      ...testJobContext('system.noop', {
        jobId: 'job-7',
        attempt: 3,
        traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
        ...overrides,
      }),
    };
  }

  it('puts the job id, type, attempt and trace id on every line a handler logs', async () => {
    const metrics = createWorkerMetrics();
    const handlers = withJobScope(
      {
        ...createHandlers(logger),
        'system.noop': async () => {
          logger.info('working');
          await new Promise(resolve => setImmediate(resolve));
          logger.warn('still working', { attempt: 99 });
          return completed({});
        },
      },
      metrics,
    );

    await handlers['system.noop']({}, contextFor());
    logger.info('between jobs');

    expect(printed()).toMatchObject([
      {
        message: 'working',
        jobId: 'job-7',
        type: 'system.noop',
        attempt: 3,
        traceId: TRACE_ID,
      },
      { message: 'still working', jobId: 'job-7', attempt: 99 },
      { message: 'between jobs' },
    ]);
    expect(printed()[2]).not.toHaveProperty('jobId');
  });

  it('counts a job as active while its handler runs, even when it throws', async () => {
    const metrics = createWorkerMetrics(['system.noop']);
    const active = async () =>
      (await metrics.registry.getSingleMetric('errand_jobs_active')?.get())
        ?.values[0]?.value;
    let during: number | undefined;
    const handlers = withJobScope(
      {
        ...createHandlers(logger),
        'system.noop': async () => {
          during = await active();
          throw new Error('boom');
        },
      },
      metrics,
    );

    await expect(handlers['system.noop']({}, contextFor())).rejects.toThrow(
      'boom',
    );

    expect(during).toBe(1);
    expect(await active()).toBe(0);
  });
});

describe('jobLogFields', () => {
  it('leaves the trace id out when the job has no traceparent', () => {
    const context = testJobContext('system.noop', { jobId: 'j' });

    expect(jobLogFields(context)).toEqual({
      jobId: 'j',
      type: 'system.noop',
      attempt: 1,
    });
  });
});
