import { randomUUID } from 'node:crypto';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector why', () => {
  const cli = useCliFixture();

  it('says no live worker serves a queued job, with its place in line', async () => {
    const job = await cli.enqueue({ type: 'system.noop', payload: {} });
    const run = await cli.inspector(['why', job.id, '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({
      id: job.id,
      type: 'system.noop',
      status: 'queued',
      reason: 'worker.none',
      sentence: 'No live worker serves system.noop.',
      until: null,
      position: 1,
      attempt: { made: 0, allowed: 1 },
      workers: 0,
    });
  });

  it('prints one sentence with the reason code for people', async () => {
    const job = await cli.enqueue({
      type: 'system.noop',
      payload: {},
      delay: 3_600_000,
    });
    const run = await cli.inspector(['why', job.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^It is scheduled for \S+Z\. \[job\.scheduled\]$/,
    );
  });

  it('says the queue is paused after inspector pause', async () => {
    const job = await cli.enqueue({ type: 'system.noop', payload: {} });
    expect((await cli.inspector(['pause', 'system.noop'])).code).toBe(0);
    const run = await cli.inspector(['why', job.id, '--json']);
    expect(run.json()).toMatchObject({ reason: 'queue.paused' });
  });

  it('exits 4 when no job has the id', async () => {
    const run = await cli.inspector(['why', randomUUID()]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/\[job\.notFound\]$/);
  });

  it('exits 2 with usage when the id is missing', async () => {
    const run = await cli.inspector(['why']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing required argument 'id'/);
    expect(run.stderr).toMatch(/Usage: inspector why/);
  });
});
