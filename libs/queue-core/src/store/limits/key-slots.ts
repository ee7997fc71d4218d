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
import { batchKeysOf, keyNamesOf } from './key-names';
import { queueRelease, queueTake } from './slot-batches';
import { dropLease, keepLease } from './slot-leases';
import {
  returnToShare,
  takeSharedSlot,
  takeSpareSlot,
  type ShareScope,
  type SharedSlot,
} from './key-shares';

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
 *              job's reserved slot, or a free one; with neither it is held.
 *              A worker's take of a key far from its cap also gets spare
 *              slots for its next jobs of that key (key-shares.ts), so
 *              those cost no command until the share goes back;
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

/** A release with nothing to wait for: the slot went back to this process's share. */
const RELEASED_HERE = { sent: Promise.resolve(), done: Promise.resolve() };

/** Whether `released` is a {@link KeySlot.release} that sent nothing to Redis. */
export function releasedHere(
  released: ReturnType<KeySlot['release']>,
): boolean {
  return released === RELEASED_HERE;
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
  /**
   * The most spare slots a take may get for this process's share of the
   * key (key-shares.ts); 0 or none: no share, each slot its own take.
   */
  spare?: number;
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

/** The request's key's share settings, made once per key. */
function shareScopeOf(request: KeySlotRequest): ShareScope {
  const names = keyNamesOf(request);
  if (names.scope?.connection !== request.store.connection) {
    names.scope = {
      connection: request.store.connection,
      settings: batchKeysOf(request),
      names,
      leaseMs: request.leaseMs,
      promote: woken => promoteWoken(request, woken),
    };
  }
  return names.scope;
}

/**
 * A spare slot of this process's share of the job's key, at once, with no
 * command sent; undefined when its share has none free (then {@link
 * takeKeySlot} asks Redis).
 */
export function takeSpareKeySlot(request: KeySlotRequest): KeySlot | undefined {
  if (!request.spare) return undefined;
  const shared = takeSpareSlot(shareScopeOf(request), request.jobId);
  return shared && new RunningSlot(request, shared);
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
  if (request.spare) {
    const scope = shareScopeOf(request);
    const shared = await takeSharedSlot(scope, jobId, request.spare);
    return shared && new RunningSlot(request, shared);
  }
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
  return new RunningSlot(request, { lease });
}

/**
 * A slot taken: its lease renewed until it is released, once, whoever asks
 * (a class rather than closures: one is made per keyed job).
 */
class RunningSlot implements KeySlot {
  private released?: { sent: Promise<void>; done: Promise<void> };

  constructor(
    private readonly request: KeySlotRequest,
    private readonly slot: SharedSlot,
  ) {}

  release(): { sent: Promise<void>; done: Promise<void> } {
    if (!this.released && returnToShare(this.slot)) {
      this.released = RELEASED_HERE;
    }
    if (!this.released) {
      const { store, leaseMs } = this.request;
      const { lease } = this.slot;
      dropLease(store.connection, leaseMs, lease);
      const { result, sent } = releaseSlot(this.request, lease.jobId);
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
