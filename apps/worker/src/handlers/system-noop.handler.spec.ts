import { systemNoopHandler } from './system-noop.handler';

describe('systemNoopHandler', () => {
  it('completes at once with an empty result', async () => {
    await expect(
      systemNoopHandler(
        {},
        {
          jobId: 'job-1',
          type: 'system.noop',
          attempt: 1,
          maxAttempts: 1,
          signal: new AbortController().signal,
          reportProgress: async () => undefined,
          pass: 1,
          children: async () => [],
        },
      ),
    ).resolves.toEqual({ kind: 'completed', result: {} });
  });
});
