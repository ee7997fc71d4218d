import { type JobContext } from '@errand/contracts';
import { systemSleepHandler } from './system-sleep.handler';

function contextWith(signal: AbortSignal): JobContext {
  return {
    jobId: 'job-1',
    type: 'system.sleep',
    attempt: 1,
    maxAttempts: 1,
    signal,
    reportProgress: async () => undefined,
    pass: 1,
    children: async () => [],
  };
}

describe('systemSleepHandler', () => {
  it('sleeps for the time asked, then says how long it slept', async () => {
    const started = Date.now();

    const outcome = await systemSleepHandler(
      { ms: 50 },
      contextWith(new AbortController().signal),
    );

    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(outcome).toEqual({
      kind: 'completed',
      result: { sleptMs: expect.any(Number), startedAt: expect.any(Number) },
    });
    expect(
      outcome.kind === 'completed' && outcome.result.sleptMs,
    ).toBeGreaterThanOrEqual(45);
  });

  it('stops early when its signal is aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = systemSleepHandler(
      { ms: 60_000 },
      contextWith(controller.signal),
    );

    setTimeout(() => controller.abort(new Error('shutting down')), 20);

    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not start sleeping when its signal is already aborted', async () => {
    const started = Date.now();

    await expect(
      systemSleepHandler({ ms: 60_000 }, contextWith(AbortSignal.abort())),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
