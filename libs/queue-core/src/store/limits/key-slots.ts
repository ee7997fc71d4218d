import { Job } from 'bullmq';
import type { JobType } from '@errand/contracts';
import type { JobStore } from '../job-store';
import {
  heldKeysKey,
  jobTypeLimitsKey,
  keyHeldKey,
  keySlotsKey,
} from '../keys';
import { runKeySlotScript } from './key-slot-scripts';
import type { QueueNaming } from '../queue-name';
import { queueRelease, queueTake, type SlotBatchKeys } from './slot-batches';
import { dropLease, keepLease, type SlotLease } from './slot-leases';

/**
 * Per-key concurrency, Errand's own mechanism on top of BullMQ (its per-group
 * limits are paid). A job with a `concurrencyKey` runs only while it holds
 * one of its key's slots:
 * 1. hold    — a job over its key's cap waits in BullMQ's delayed set (no
 *              attempt used) until a recheck time, its id in its key's
 *              held list. The producer holds a keyed job at enqueue
 *              (producer/hold-keyed-jobs.ts), so a burst of one key is
 *              never fetched job by job; the worker holds one it fetched
 *              while its key was full (worker/limits/key-gate.ts). Jobs of
 *              other keys are not held back by it;
 * 2. wake    — whenever slots are free, as many held jobs as there are
 *              free slots are popped, their slots reserved (scored by a
 *              lease end), and promoted (BullMQ's `promote`) to the queue;
 * 3. take    — before the handler runs, {@link takeKeySlot} claims the
 *              job's reserved slot, or a free one; with neither it is held;
 * 4. renew   — while it runs, its lease is pushed on every half lease
 *              (slot-leases.ts), so a live job keeps its slot however long
 *              it runs;
 * 5. release — when the attempt ends, however it ends, the slot is given
 *              back and held jobs are woken (2).
 * A dead worker's slots lapse when their lease ends (its lock time), and a
 * held job whose wake-up was lost runs at its recheck time, so nothing
 * waits forever. Every key lives in the queue's slot (store/keys.ts), so
 * each script touches one cluster slot. The cap is read inside the scripts
 * (key-slot-scripts.ts) from the limits set at run time (store/limits),
 * else the caller's default, so a change holds at the next job. Takes and
 * releases asked for in the same tick share one script call
 * (slot-batches.ts). Here, in the store, because both the producer and the
 * worker hold and wake.
 */

/** The slot of a running job: renewed until released. */
export interface KeySlot {
  /**
   * Gives the slot back, once, whoever asks: `sent` resolves when the
   * release is on the connection, so any command sent after it (BullMQ's
   * move that ends the job) runs after it in Redis, without waiting for its
   * answer; `done` when it has run and the held jobs it woke are promoted.
   * `sent` never rejects.
   */
  release(): { sent: Promise<void>; done: Promise<void> };
}

/** Which job, and the settings a script needs. */
export interface KeySlotRequest {
  store: Pick<JobStore, 'connection' | 'naming' | 'queueFor' | 'queuesOf'>;
  type: JobType;
  jobId: string;
  key: string;
  /** The type's `perKeyConcurrency` when none is set at run time; null: none. */
  defaultCap: number | null;
  /** How long a slot outlives its worker (or a reservation its promotion); renewed at half of it. */
  leaseMs: number;
}

/** One key's running set and held list, and the key. */
interface KeyNames {
  running: string;
  held: string;
  key: string;
}

/**
 * Names made once per type and key, not per job: each type's batch
 * settings (one object per lease and default cap, which is what puts its
 * ops in one script: slot-batches.ts) and each key's names. The key names
 * are dropped when there are more than {@link MAX_KEY_NAMES}, so many keys
 * cost no memory.
 */
interface TypeNames {
  batches: Map<string, SlotBatchKeys>;
  keys: Map<string, KeyNames>;
}

const MAX_KEY_NAMES = 10_000;
const names = new WeakMap<QueueNaming, Map<JobType, TypeNames>>();

function typeNamesOf(naming: QueueNaming, type: JobType): TypeNames {
  let byType = names.get(naming);
  if (!byType) {
    byType = new Map();
    names.set(naming, byType);
  }
  let typeNames = byType.get(type);
  if (!typeNames) {
    typeNames = { batches: new Map(), keys: new Map() };
    byType.set(type, typeNames);
  }
  return typeNames;
}

function batchKeysOf(request: Omit<KeySlotRequest, 'jobId'>): SlotBatchKeys {
  const { store, type, leaseMs } = request;
  const defaultCap = request.defaultCap ?? 0;
  const { batches } = typeNamesOf(store.naming, type);
  const id = `${leaseMs}:${defaultCap}`;
  let settings = batches.get(id);
  if (!settings) {
    settings = {
      heldKeys: heldKeysKey(store.naming, type),
      limits: jobTypeLimitsKey(store.naming, type),
      leaseMs,
      defaultCap,
    };
    batches.set(id, settings);
  }
  return settings;
}

function keyNamesOf({
  store,
  type,
  key,
}: Omit<KeySlotRequest, 'jobId'>): KeyNames {
  const { keys } = typeNamesOf(store.naming, type);
  let keyNames = keys.get(key);
  if (!keyNames) {
    if (keys.size >= MAX_KEY_NAMES) keys.clear();
    keyNames = {
      running: keySlotsKey(store.naming, type, key),
      held: keyHeldKey(store.naming, type, key),
      key,
    };
    keys.set(key, keyNames);
  }
  return keyNames;
}

/** Releases `jobId`'s slot of the request's key; answers the woken ids. */
function releaseSlot(
  request: Omit<KeySlotRequest, 'jobId'>,
  jobId: string,
): { result: Promise<string[]>; sent: Promise<void> } {
  const { result, sent } = queueRelease(
    request.store.connection,
    batchKeysOf(request),
    keyNamesOf(request),
    jobId,
  );
  return { result: result as Promise<string[]>, sent };
}

/**
 * Moves woken held jobs to the queue. One whose promote fails (it ran
 * already at its recheck time, or was cancelled) gives its reserved slot
 * back, which wakes the next held job; a few rounds at most.
 */
async function promoteWoken(
  request: Omit<KeySlotRequest, 'jobId'>,
  woken: string[],
  round = 0,
): Promise<void> {
  if (woken.length === 0) return;
  // Its type's own queue, else on a cluster that type's queue in each flow
  // shard: a held flow node is in its flow's (store/queue-name.ts).
  const candidates = request.store.queuesOf(request.type);
  const missed: string[] = [];
  await Promise.all(
    woken.map(async id => {
      for (const queue of candidates) {
        const promoted = await new Job(queue, request.type, {}, {}, id)
          .promote()
          .then(
            () => true,
            () => false,
          );
        if (promoted) return;
      }
      missed.push(id);
    }),
  );
  for (const id of missed) {
    const again = await releaseSlot(request, id).result;
    if (round < 3) await promoteWoken(request, again, round + 1);
  }
}

/**
 * Takes a slot of the job's key, or answers undefined when its key has as
 * many running as the cap allows (the job must then be held).
 */
export async function takeKeySlot(
  request: KeySlotRequest,
): Promise<KeySlot | undefined> {
  const { store, jobId, leaseMs } = request;
  const { connection } = store;
  const { running } = keyNamesOf(request);
  const taken = await queueTake(
    connection,
    batchKeysOf(request),
    running,
    jobId,
  );
  if (taken !== 1) return undefined;
  const lease = { running, jobId };
  keepLease(connection, leaseMs, lease);
  return new RunningSlot(request, lease);
}

/**
 * A slot taken: its lease renewed until it is released, once, whoever asks
 * (a class rather than closures: one is made per keyed job).
 */
class RunningSlot implements KeySlot {
  private released?: { sent: Promise<void>; done: Promise<void> };

  constructor(
    private readonly request: KeySlotRequest,
    private readonly lease: SlotLease,
  ) {}

  release(): { sent: Promise<void>; done: Promise<void> } {
    if (!this.released) {
      const { store, leaseMs, jobId } = this.request;
      dropLease(store.connection, leaseMs, this.lease);
      const { result, sent } = releaseSlot(this.request, jobId);
      this.released = {
        sent,
        done: result.then(woken => promoteWoken(this.request, woken)),
      };
    }
    return this.released;
  }
}

/**
 * Records held jobs (already in the delayed set), oldest first, in their
 * key's held list, then wakes as many as there are free slots: at enqueue
 * that starts the first ones, and after a worker's failed take it covers a
 * slot released between the take and the hold.
 */
export async function holdForKey(
  request: Omit<KeySlotRequest, 'jobId'>,
  ids: readonly string[],
): Promise<void> {
  const { store, type, key } = request;
  const woken = (await runKeySlotScript(store.connection, 'errandKeyHold', [
    keySlotsKey(store.naming, type, key),
    keyHeldKey(store.naming, type, key),
    heldKeysKey(store.naming, type),
    jobTypeLimitsKey(store.naming, type),
    '',
    Date.now(),
    request.leaseMs,
    request.defaultCap ?? 0,
    key,
    ...ids,
  ])) as string[];
  await promoteWoken(request, woken);
}
