import type { Redis } from 'ioredis';
import { runKeySlotScript } from './key-slot-scripts';

/**
 * Takes and releases of key slots asked for in one tick of the event
 * loop, sent as one script per type (one cluster slot) instead of one
 * each: a worker running 50 short jobs at once finishes and starts many in
 * the same tick, as the replies to its pipelined commands come back
 * together, and its connection writes each command to the socket on its
 * own (it does not auto-pipeline). Nothing waits for a batch to fill:
 * whatever was asked for by the end of the tick goes, in the order it was
 * asked.
 */

/** Which type's slots, and the settings its script needs. */
export interface SlotBatchKeys {
  /** The type's index of keys holding jobs, and its run-time limits key. */
  heldKeys: string;
  limits: string;
  leaseMs: number;
  /** The per-key cap when none is set at run time; 0: none. */
  defaultCap: number;
}

/** One tick's script of one type: its keys and arguments so far. */
class Batch {
  readonly keys: string[];
  readonly args: (string | number)[];
  private count = 0;
  private done?: Promise<unknown[]>;
  private settle?: {
    resolve(results: unknown[]): void;
    reject(error: unknown): void;
  };
  private sent?: Promise<void>;
  private markSent?: () => void;

  constructor(settings: SlotBatchKeys) {
    this.keys = [settings.heldKeys, settings.limits];
    this.args = [0, settings.leaseMs, settings.defaultCap];
  }

  /** Adds a take of `jobId`'s slot; answers where its result will be. */
  take(running: string, jobId: string): number {
    this.keys.push(running);
    this.args.push('t', jobId);
    return this.count++;
  }

  /** Adds a release of `jobId`'s slot of `key`; as {@link take}. */
  release(running: string, held: string, jobId: string, key: string): number {
    this.keys.push(running, held);
    this.args.push('r', jobId, key);
    return this.count++;
  }

  /** Adds a share's take (key-shares.ts); as {@link take}. */
  shareTake(
    slot: { running: string; held: string; key: string },
    jobId: string,
    spare: number,
    base: string,
  ): number {
    this.keys.push(slot.running, slot.held);
    this.args.push('s', jobId, slot.key, spare, base);
    return this.count++;
  }

  /** Adds a give-back of a share's `members` (at least one); as {@link take}. */
  giveBack(
    slot: { running: string; held: string; key: string },
    members: readonly string[],
  ): number {
    this.keys.push(slot.running, slot.held);
    this.args.push('g', slot.key, members.length, ...members);
    return this.count++;
  }

  /** Op `index`'s answer, once the script has run ({@link flush}). */
  async result(index: number): Promise<unknown> {
    this.done ??= new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    return (await this.done)[index];
  }

  /**
   * Resolves once the script is handed to the connection, which writes
   * commands in the order they are given: anything sent after that runs
   * after it in Redis. Never rejects.
   */
  whenSent(): Promise<void> {
    this.sent ??= new Promise(resolve => {
      this.markSent = resolve;
    });
    return this.sent;
  }

  send(connection: Redis): void {
    this.args[0] = Date.now();
    try {
      runKeySlotScript(connection, 'errandKeySlots', [
        this.keys.length,
        ...this.keys,
        ...this.args,
      ]).then(
        results => this.settle?.resolve(results as unknown[]),
        (error: unknown) => this.settle?.reject(error),
      );
    } catch (error) {
      this.settle?.reject(error);
    } finally {
      this.markSent?.();
    }
  }
}

const pending = new WeakMap<Redis, Map<SlotBatchKeys, Batch>>();

/**
 * This tick's batch of `settings`' type on `connection`, sent when the tick
 * ends. `settings` must be the same object for the same type, lease and
 * default cap (key-slots.ts keeps one each), so their ops share a script.
 */
function batchOf(connection: Redis, settings: SlotBatchKeys): Batch {
  let batches = pending.get(connection);
  if (!batches) {
    batches = new Map();
    pending.set(connection, batches);
    process.nextTick(flush, connection);
  }
  let batch = batches.get(settings);
  if (!batch) {
    batch = new Batch(settings);
    batches.set(settings, batch);
  }
  return batch;
}

/** Takes `jobId`'s slot in this tick's script: resolves 1 (taken) or 0 (full). */
export function queueTake(
  connection: Redis,
  settings: SlotBatchKeys,
  running: string,
  jobId: string,
): Promise<unknown> {
  const batch = batchOf(connection, settings);
  return batch.result(batch.take(running, jobId));
}

/**
 * Releases `jobId`'s slot in this tick's script: `result` resolves the
 * woken ids, `sent` when the script is on the connection.
 */
export function queueRelease(
  connection: Redis,
  settings: SlotBatchKeys,
  slot: { running: string; held: string; key: string },
  jobId: string,
): { result: Promise<unknown>; sent: Promise<void> } {
  const batch = batchOf(connection, settings);
  const index = batch.release(slot.running, slot.held, jobId, slot.key);
  return { result: batch.result(index), sent: batch.whenSent() };
}

/**
 * A share's take of `jobId`'s slot and up to `spare` more, named `base.0`
 * on (key-shares.ts): resolves how many it got, 0 when the key is full.
 */
export function queueShareTake(
  connection: Redis,
  settings: SlotBatchKeys,
  slot: { running: string; held: string; key: string },
  jobId: string,
  spare: number,
  base: string,
): Promise<unknown> {
  const batch = batchOf(connection, settings);
  return batch.result(batch.shareTake(slot, jobId, spare, base));
}

/** Gives back a share's `members` in this tick's script: resolves the woken ids. */
export function queueGiveBack(
  connection: Redis,
  settings: SlotBatchKeys,
  slot: { running: string; held: string; key: string },
  members: readonly string[],
): Promise<unknown> {
  const batch = batchOf(connection, settings);
  return batch.result(batch.giveBack(slot, members));
}

function flush(connection: Redis): void {
  const batches = pending.get(connection);
  pending.delete(connection);
  for (const batch of batches?.values() ?? []) batch.send(connection);
}
