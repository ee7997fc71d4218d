import { JobStore } from '../job-store';
import { keyHeldKey, keySlotsKey } from '../keys';
import { scriptCallsSoFar, useQueueFixture } from '../../testing/index';
import { holdForKey, takeKeySlot, type KeySlotRequest } from './key-slots';

/**
 * Integration (Redis): a key's slots taken and released as a worker does,
 * many in the same tick (one script call for all of them).
 */
describe('key slots', () => {
  const fixture = useQueueFixture();
  let store: JobStore;

  beforeEach(() => {
    // The worker's role: no auto-pipelining, as in a worker process.
    store = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
      role: 'worker',
    });
  });
  afterEach(async () => {
    await store.close();
  });

  const request = (
    jobId: string,
    over: Partial<KeySlotRequest> = {},
  ): KeySlotRequest => ({
    store,
    type: 'system.noop',
    jobId,
    key: 'acme',
    defaultCap: 2,
    leaseMs: 30_000,
    ...over,
  });
  const scriptCalls = () => scriptCallsSoFar(store.connection);
  const running = (key = 'acme') =>
    store.connection.zrange(
      keySlotsKey(store.naming, 'system.noop', key),
      0,
      -1,
    );

  describe('when many takes come in the same tick', () => {
    it('lets no more through than the cap, in one script call for all', async () => {
      const before = await scriptCalls();
      const slots = await Promise.all(
        ['1', '2', '3', '4', '5'].map(id => takeKeySlot(request(id))),
      );

      expect(slots.filter(Boolean)).toHaveLength(2);
      expect(await running()).toEqual(['1', '2']);
      expect((await scriptCalls()) - before).toBe(1);
    });

    it('keeps keys apart: one full key holds back no other', async () => {
      const slots = await Promise.all([
        takeKeySlot(request('1')),
        takeKeySlot(request('2')),
        takeKeySlot(request('3')),
        takeKeySlot(request('4', { key: 'other' })),
      ]);

      expect(slots.map(Boolean)).toEqual([true, true, false, true]);
    });
  });

  it('takes a reserved slot even when the key is full', async () => {
    await store.connection.zadd(
      keySlotsKey(store.naming, 'system.noop', 'acme'),
      Date.now() + 30_000,
      'reserved',
      Date.now() + 30_000,
      'other',
    );

    expect(await takeKeySlot(request('reserved'))).toBeDefined();
    expect(await takeKeySlot(request('late'))).toBeUndefined();
  });

  it('frees the slot on release, and a release and a take in one tick keep their order', async () => {
    const [a, b] = await Promise.all([
      takeKeySlot(request('a')),
      takeKeySlot(request('b')),
    ]);
    const [, c] = await Promise.all([
      a?.release().done,
      takeKeySlot(request('c')),
    ]);

    expect(c).toBeDefined();
    expect((await running()).sort()).toEqual(['b', 'c']);
    await Promise.all([b?.release().done, c?.release().done]);
    expect(await running()).toEqual([]);
  });

  it('runs a release before any command sent once it is sent, without waiting for its answer', async () => {
    const [a] = await Promise.all([
      takeKeySlot(request('a')),
      takeKeySlot(request('b')),
    ]);
    const { sent, done } = a?.release() ?? {};
    await sent;
    // Sent after the release: Redis runs it after, so it sees the slot free.
    const after = await store.connection.zrange(
      keySlotsKey(store.naming, 'system.noop', 'acme'),
      0,
      -1,
    );
    await done;

    expect(after).toEqual(['b']);
  });

  it('wakes a held job when a slot is released', async () => {
    const queue = store.queueFor('system.noop');
    const held = await queue.add(
      'system.noop',
      {},
      { jobId: 'held-1', delay: 60_000 },
    );
    const slots = await Promise.all([
      takeKeySlot(request('a')),
      takeKeySlot(request('b')),
    ]);
    await holdForKey(request(''), ['held-1']);
    expect(await held.getState()).toBe('delayed');

    await slots[0]?.release().done;

    expect(await queue.getJobState('held-1')).toBe('waiting');
    expect((await running()).sort()).toEqual(['b', 'held-1']);
    expect(
      await store.connection.llen(
        keyHeldKey(store.naming, 'system.noop', 'acme'),
      ),
    ).toBe(0);
  });

  it("renews a running job's lease, so it outlives its first lease", async () => {
    const slot = await takeKeySlot(request('long', { leaseMs: 400 }));
    await new Promise(resolve => setTimeout(resolve, 900));

    const score = await store.connection.zscore(
      keySlotsKey(store.naming, 'system.noop', 'acme'),
      'long',
    );
    expect(Number(score)).toBeGreaterThan(Date.now());
    await slot?.release().done;
  });

  it("lets a dead worker's slot lapse at the end of its lease", async () => {
    // A slot nobody renews, as a killed worker leaves it.
    await store.connection.zadd(
      keySlotsKey(store.naming, 'system.noop', 'acme'),
      Date.now() + 300,
      'dead-1',
      Date.now() + 300,
      'dead-2',
    );
    expect(await takeKeySlot(request('new'))).toBeUndefined();

    await new Promise(resolve => setTimeout(resolve, 400));

    expect(await takeKeySlot(request('new'))).toBeDefined();
  });
});
