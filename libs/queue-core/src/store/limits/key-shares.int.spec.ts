import { JobStore } from '../job-store';
import { jobTypeLimitsKey, keyHeldKey, keySlotsKey } from '../keys';
import {
  scriptCallsSoFar,
  useQueueFixture,
  waitFor,
} from '../../testing/index';
import { endShares, SHARE_WINDOW_MS } from './key-shares';
import {
  holdForKey,
  takeKeySlot,
  type KeySlot,
  type KeySlotRequest,
} from './key-slots';

/**
 * Integration (Redis): a worker's share of a key's slots (key-shares.ts),
 * taken as the key gate takes them, with spare slots asked for.
 */
describe('key shares', () => {
  const fixture = useQueueFixture();
  let stores: JobStore[];

  /** A worker's store: no auto-pipelining, as in a worker process. */
  const workerStore = () => {
    const store = new JobStore({
      redisUrl: fixture.server.url,
      prefix: fixture.prefix,
      role: 'worker',
    });
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await endShares(store.connection);
    await Promise.all(stores.map(store => store.close()));
  });

  const request = (
    store: JobStore,
    jobId: string,
    over: Partial<KeySlotRequest> = {},
  ): KeySlotRequest => ({
    store,
    type: 'system.noop',
    jobId,
    key: 'acme',
    defaultCap: 100,
    leaseMs: 30_000,
    spare: 4,
    ...over,
  });
  const runningKey = (store: JobStore) =>
    keySlotsKey(store.naming, 'system.noop', 'acme');
  const running = (store: JobStore) =>
    store.connection.zrange(runningKey(store), 0, -1);
  const scriptCalls = (store: JobStore) => scriptCallsSoFar(store.connection);
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

  it('runs the next jobs of a key far from its cap on spare slots, with no command sent', async () => {
    const store = workerStore();
    const before = await scriptCalls(store);

    const first = await takeKeySlot(request(store, 'job-1'));
    const taken: (KeySlot | undefined)[] = [first];
    for (let i = 2; i <= 5; i += 1) {
      taken.push(await takeKeySlot(request(store, `job-${i}`)));
    }
    first?.release();
    taken.push(await takeKeySlot(request(store, 'job-6')));

    expect(taken.every(Boolean)).toBe(true);
    // The first take's script alone: its own slot and four spares.
    expect((await scriptCalls(store)) - before).toBe(1);
    expect(await running(store)).toHaveLength(5);
  });

  it('never lets two workers past the cap, and leaves none of it unused', async () => {
    const one = workerStore();
    const two = workerStore();
    const slots: KeySlot[] = [];
    for (let i = 0; i < 12; i += 1) {
      for (const [name, store] of [
        ['one', one],
        ['two', two],
      ] as const) {
        const slot = await takeKeySlot(
          request(store, `${name}-${i}`, { defaultCap: 10, spare: 16 }),
        );
        if (slot) slots.push(slot);
      }
    }

    expect(slots).toHaveLength(10);
    expect(await one.connection.zcard(runningKey(one))).toBe(10);
  });

  it('gives a key near its cap no spares: a slot goes back when its job ends, and wakes a held job', async () => {
    const store = workerStore();
    const a = await takeKeySlot(request(store, 'a', { defaultCap: 2 }));
    const b = await takeKeySlot(request(store, 'b', { defaultCap: 2 }));
    expect(await running(store)).toHaveLength(2);
    await store
      .queueFor('system.noop')
      .add('system.noop', {}, { jobId: 'held-1', delay: 60_000 });
    await holdForKey(request(store, '', { defaultCap: 2 }), ['held-1']);

    await a?.release().done;

    expect(await store.queueFor('system.noop').getJobState('held-1')).toBe(
      'waiting',
    );
    expect(
      await store.connection.llen(
        keyHeldKey(store.naming, 'system.noop', 'acme'),
      ),
    ).toBe(0);
    await b?.release().done;
  });

  it("gives back a share's free slots and its jobs' reservations when its window ends", async () => {
    const store = workerStore();
    // A woken job's reservation, as the wake-up leaves it.
    await store.connection.zadd(runningKey(store), Date.now() + 30_000, 'r-1');
    const first = await takeKeySlot(request(store, 'job-1'));
    const woken = await takeKeySlot(request(store, 'r-1'));
    first?.release();
    woken?.release();
    expect(await running(store)).toContain('r-1');

    // At the window's end (a busy machine's timer may fire late).
    await sleep(SHARE_WINDOW_MS);
    await waitFor(
      () => running(store),
      members => members.length === 0,
    );
  });

  it('holds a cap lowered at run time once the window ends', async () => {
    const store = workerStore();
    expect(await takeKeySlot(request(store, 'job-1'))).toBeDefined();
    expect(await takeKeySlot(request(store, 'job-2'))).toBeDefined();
    await store.connection.set(
      jobTypeLimitsKey(store.naming, 'system.noop'),
      JSON.stringify({ perKeyConcurrency: 1 }),
    );

    // The share's window ends and its free slots go back (job-1's and
    // job-2's stay, as they run)…
    await sleep(SHARE_WINDOW_MS);
    await waitFor(
      () => running(store),
      members => members.length === 2,
    );

    // …then the key's next take asks Redis, where they fill the new cap.
    expect(await takeKeySlot(request(store, 'job-3'))).toBeUndefined();
  });

  it('gives a share back early once it has run a thousand jobs', async () => {
    const store = workerStore();
    const before = await scriptCalls(store);

    for (let i = 0; i < 1_500; i += 1) {
      (await takeKeySlot(request(store, `job-${i}`)))?.release();
    }

    // The first take, the give-back at 1 000 (with the release of the job
    // that ended it) and the next take: a few scripts, not one per job.
    const calls = (await scriptCalls(store)) - before;
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(5);
  });

  it('gives every share back at once when the worker closes', async () => {
    const store = workerStore();
    const first = await takeKeySlot(request(store, 'job-1'));
    first?.release();
    expect(await running(store)).toHaveLength(5);

    await endShares(store.connection);

    expect(await running(store)).toEqual([]);
  });
});
