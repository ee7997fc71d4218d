import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  queueGiveBack,
  queueShareTake,
  type SlotBatchKeys,
} from './slot-batches';
import { dropLease, keepLease, type SlotLease } from './slot-leases';

/**
 * A worker's share of a key's slots, so a key far from its cap costs no
 * Redis command per job. A take that finds the key far from its cap, with
 * nothing held, gets a few spare slots with its own (a quarter of what is
 * free at most: key-slot-scripts.ts); this process's next jobs of that key
 * run on them, and a job that ends hands its slot back here, not to Redis.
 * Every slot of a share is in the key's running set, leased and renewed as
 * any other, so the cap is never exceeded, and a dead worker's lapse with
 * their lease. A share lives {@link SHARE_WINDOW_MS}: then its free slots,
 * and the reservations of the jobs it ran (a woken job's, store/limits/
 * key-slots.ts), go back in one script, held jobs are woken, and the key's
 * next job asks Redis again, which is when a cap changed at run time
 * holds. A key near its cap gets no spare slots, so every slot there goes
 * back the moment its job ends.
 */

/** How long a share keeps its slots: how late a cap change may hold. */
export const SHARE_WINDOW_MS = 500;

/** The key a share is of, and what its scripts need. */
export interface ShareScope {
  connection: Redis;
  settings: SlotBatchKeys;
  names: { running: string; held: string; key: string };
  leaseMs: number;
  /** Moves jobs its give-back woke to the queue. */
  promote(woken: string[]): Promise<void>;
}

/** One key's share in this process. */
class KeyShare {
  readonly free: SlotLease[] = [];
  /** The jobs run on its spare slots: a reservation each may have left. */
  readonly ran: string[] = [];
  ended = false;
  readonly timer: NodeJS.Timeout;

  constructor(readonly scope: ShareScope) {
    this.timer = setTimeout(() => endShare(this), SHARE_WINDOW_MS);
    this.timer.unref();
  }
}

/** A slot taken through a share: its lease, and the share it goes back to. */
export interface SharedSlot {
  lease: SlotLease;
  share?: KeyShare;
}

/** The most jobs a share runs before it goes back, whatever its window. */
const MAX_RAN = 1_000;

/** Names of slots: unique to this process, then a count. */
const PROCESS_TAG = randomBytes(6).toString('base64url');
let sequence = 0;

/** One connection's shares: the live ones, the takes asking Redis, the give-backs. */
interface ConnectionShares {
  /** Each key's live share, by its running set's name. */
  live: Map<string, KeyShare>;
  /** Each key's take asking Redis for a share now. */
  asking: Map<string, Promise<unknown>>;
  givingBack: Set<Promise<void>>;
}

const byConnection = new WeakMap<Redis, ConnectionShares>();

function sharesOf(connection: Redis): ConnectionShares {
  let shares = byConnection.get(connection);
  if (!shares) {
    shares = { live: new Map(), asking: new Map(), givingBack: new Set() };
    byConnection.set(connection, shares);
  }
  return shares;
}

/**
 * Takes a slot for `jobId`: a free one of its key's share, else from Redis
 * with up to `spare` more for the share. Undefined: the key is full.
 */
export async function takeSharedSlot(
  scope: ShareScope,
  jobId: string,
  spare: number,
): Promise<SharedSlot | undefined> {
  const { names } = scope;
  const { live, asking } = sharesOf(scope.connection);
  // A take of this key already asking Redis brings spares: wait for it
  // once, rather than every job of the key asking until the first answer.
  const asked = asking.get(names.running);
  if (asked && !live.get(names.running)?.free.length) {
    await asked.catch(() => undefined);
  }
  const spareSlot = takeSpareSlot(scope, jobId);
  if (spareSlot) return spareSlot;
  const ask = askForShare(scope, jobId, spare);
  asking.set(names.running, ask);
  return ask.finally(() => {
    if (asking.get(names.running) === ask) asking.delete(names.running);
  });
}

/** A free slot of the key's share for `jobId`, if it has one; no command sent. */
export function takeSpareSlot(
  scope: ShareScope,
  jobId: string,
): SharedSlot | undefined {
  const share = byConnection
    .get(scope.connection)
    ?.live.get(scope.names.running);
  const lease = share?.free.pop();
  if (!share || !lease) return undefined;
  share.ran.push(jobId);
  // A very busy key gives its share back early: one give-back script
  // frees at most this many reservations (Lua's `unpack` has a limit).
  if (share.ran.length >= MAX_RAN) endShare(share);
  return { lease, share };
}

/** Asks Redis for `jobId`'s slot and spares; puts the spares in the key's share. */
async function askForShare(
  scope: ShareScope,
  jobId: string,
  spare: number,
): Promise<SharedSlot | undefined> {
  const { connection, names, leaseMs } = scope;
  const base = `${PROCESS_TAG}.${(sequence++).toString(36)}`;
  const got = Number(
    await queueShareTake(connection, scope.settings, names, jobId, spare, base),
  );
  if (!(got > 0)) return undefined;
  const leases = Array.from({ length: got }, (_, i) => ({
    running: names.running,
    jobId: `${base}.${i}`,
  }));
  for (const each of leases) keepLease(connection, leaseMs, each);
  const [own, ...spares] = leases as [SlotLease, ...SlotLease[]];
  if (spares.length === 0) return { lease: own };
  const { live } = sharesOf(connection);
  let current = live.get(names.running);
  if (!current || current.ended) {
    current = new KeyShare(scope);
    live.set(names.running, current);
  }
  current.free.push(...spares);
  return { lease: own, share: current };
}

/** Hands a slot back to its share; false when it has none left to take it. */
export function returnToShare(slot: SharedSlot): boolean {
  if (!slot.share || slot.share.ended) return false;
  slot.share.free.push(slot.lease);
  return true;
}

/** Gives a share's free slots and its jobs' reservations back to Redis. */
function endShare(share: KeyShare): void {
  if (share.ended) return;
  share.ended = true;
  clearTimeout(share.timer);
  const { connection, names, leaseMs, settings } = share.scope;
  const { live, givingBack } = sharesOf(connection);
  if (live.get(names.running) === share) live.delete(names.running);
  for (const lease of share.free) dropLease(connection, leaseMs, lease);
  const members = [...share.free.map(l => l.jobId), ...share.ran];
  if (members.length === 0) return;
  const work = queueGiveBack(connection, settings, names, members)
    .then(woken => share.scope.promote(woken as string[]))
    .catch(() => undefined);
  givingBack.add(work);
  void work.finally(() => givingBack.delete(work));
}

/** Ends every share on `connection` now (a worker closing); resolves when given back. */
export async function endShares(connection: Redis): Promise<void> {
  const { live, givingBack } = sharesOf(connection);
  for (const share of [...live.values()]) endShare(share);
  await Promise.all(givingBack);
}
