import { useCliFixture } from '../testing/cli-fixture';

describe('inspector limits', () => {
  const cli = useCliFixture();
  /** BullMQ's own type-wide cap, which every worker's fetch reads. */
  const bullmqCap = () => {
    const store = cli.queues.queues;
    return store.runWithDeadline(() =>
      store.queueFor('email.send').getGlobalConcurrency(),
    );
  };

  it('shows the catalog defaults, sets limits on every worker, and audits the change', async () => {
    const shown = await cli.inspector(['limits', 'email.send', '--json']);
    expect(shown.code).toBe(0);
    expect(shown.json()).toEqual({
      type: 'email.send',
      limits: { rateLimit: null, maxConcurrent: null, perKeyConcurrency: null },
      source: 'catalog',
    });

    const set = await cli.inspector([
      'limits',
      'set',
      'email.send',
      '--rate',
      '10/s',
      '--concurrency',
      '5',
      '--per-key',
      '2',
      '--json',
    ]);
    expect(set.code).toBe(0);
    const limits = {
      rateLimit: { max: 10, durationMs: 1_000 },
      maxConcurrent: 5,
      perKeyConcurrency: 2,
    };
    expect(set.json()).toEqual({
      type: 'email.send',
      limits,
      source: 'runtime',
    });
    expect(await bullmqCap()).toBe(5);

    const partly = await cli.inspector([
      'limits',
      'set',
      'email.send',
      '--per-key',
      'off',
      '--json',
    ]);
    expect(partly.json()).toMatchObject({
      limits: { ...limits, perKeyConcurrency: null },
    });

    const table = await cli.inspector(['limits']);
    expect(table.stdout).toMatch(/email\.send\s+10\/s\s+5\s+off\s+runtime/);

    const cleared = await cli.inspector([
      'limits',
      'set',
      'email.send',
      '--clear',
    ]);
    expect(cleared.code).toBe(0);
    expect(await bullmqCap()).toBeNull();

    const audit = await cli.inspector(['audit', '--json']);
    expect(
      audit
        .json<{ entries: { action: string }[] }>()
        .entries.map(e => e.action),
    ).toEqual(['limits.set', 'limits.set', 'limits.set']);
  }, 60_000);

  it('reset puts a type back to its defaults on every worker, audited', async () => {
    await cli.inspector(['limits', 'set', 'email.send', '--concurrency', '5']);
    expect(await bullmqCap()).toBe(5);

    const reset = await cli.inspector([
      'limits',
      'reset',
      'email.send',
      '--json',
    ]);

    expect(reset.code).toBe(0);
    expect(reset.json()).toEqual({
      type: 'email.send',
      limits: { rateLimit: null, maxConcurrent: null, perKeyConcurrency: null },
      source: 'catalog',
    });
    expect(await bullmqCap()).toBeNull();
    const shown = await cli.inspector(['limits', 'email.send', '--json']);
    expect(shown.json()).toMatchObject({ source: 'catalog' });
    const audit = await cli.inspector(['audit', '--json']);
    expect(
      audit
        .json<{ entries: { action: string }[] }>()
        .entries.map(e => e.action),
    ).toContain('limits.reset');
  }, 60_000);

  it('why names the key that holds a job back', async () => {
    await cli.inspector(['limits', 'set', 'system.noop', '--per-key', '1']);
    const request = {
      type: 'system.noop',
      payload: {},
      concurrencyKey: 'acme',
    };
    await cli.enqueue(request);
    const held = await cli.enqueue(request);

    const why = await cli.inspector(['why', held.id, '--json']);

    expect(why.code).toBe(0);
    expect(why.json()).toMatchObject({
      reason: 'key.held',
      sentence: expect.stringMatching(/^key acme has 1 of 1 running/),
    });
  }, 30_000);

  it.each([
    [['--rate', '0/s']],
    [['--rate', 'fast']],
    [['--concurrency', '0']],
    [['--per-key', '1.5']],
  ])('refuses %j with exit 2, changing nothing', async args => {
    const run = await cli.inspector(['limits', 'set', 'email.send', ...args]);
    expect(run.code).toBe(2);
    expect(await bullmqCap()).toBeNull();
  });
});
