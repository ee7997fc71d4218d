import { testJobContext } from '@errand/queue-core/testing';
import { jobLogFields } from './job-log-fields';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('jobLogFields', () => {
  it('gives the job id, type, attempt and trace id', () => {
    const context = testJobContext('system.noop', {
      jobId: 'job-7',
      attempt: 3,
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
    });

    expect(jobLogFields(context)).toEqual({
      jobId: 'job-7',
      type: 'system.noop',
      attempt: 3,
      traceId: TRACE_ID,
    });
  });

  it('leaves the trace id out when the job has no traceparent', () => {
    const context = testJobContext('system.noop', { jobId: 'j' });

    expect(jobLogFields(context)).toEqual({
      jobId: 'j',
      type: 'system.noop',
      attempt: 1,
    });
  });
});
