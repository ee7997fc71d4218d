import type { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import { stallSweepKey } from '../store/keys';

/**
 * Puts a dead worker's jobs back in the queue soon after their locks
 * expire, instead of up to two stalled intervals later.
 *
 * BullMQ's stalled check works in two passes: one marks every active job,
 * the next, a stalled interval later, moves the marked jobs whose lock has
 * gone. All workers share one throttle key for it, so when their timers
 * drift against that key a pass can be skipped, and a job whose worker was
 * SIGKILLed can wait about lock duration + 2 × stalled interval before it
 * runs again (seen at 12.7 s with both at 5 s).
 *
 * Since BullMQ 5 a job enters the active list and takes its lock in the
 * same script, and leaves both in the same script, so an active job with no
 * lock has lost its worker for sure. This sweep looks for such jobs every
 * `everyMs`, marks them as BullMQ's first pass would, and asks BullMQ to run
 * its check at once: the jobs are moved by BullMQ's own script, which also
 * counts the stall and quarantines a job that stalls too often.
 */

/** One queue's sweep; `sweepOnce` is exported for tests. */
export interface StallSweeper {
  /** Looks once; resolves to the ids handed to BullMQ's check. */
  sweepOnce(): Promise<string[]>;
  stop(): void;
}

/** Active ids that are delay markers of older BullMQ versions, not jobs. */
const isMarker = (id: string) => id.startsWith('0:');

export function startStallSweeper(
  worker: Worker,
  connection: Redis,
  everyMs: number,
): StallSweeper {
  // One sweep per period across all workers of the queue is enough.
  const throttleKey = stallSweepKey(worker.keys.stalled);

  async function sweepOnce(): Promise<string[]> {
    const turn = await connection.set(throttleKey, '1', 'PX', everyMs, 'NX');
    if (turn === null) return [];
    const active = (await connection.lrange(worker.keys.active, 0, -1)).filter(
      id => !isMarker(id),
    );
    if (active.length === 0) return [];
    const pipeline = connection.pipeline();
    for (const id of active) pipeline.exists(`${worker.toKey(id)}:lock`);
    const locked = (await pipeline.exec()) ?? [];
    // A job that finished between the two reads has no lock either; BullMQ's
    // move finds it gone from the active list and leaves it alone.
    const lost = active.filter((_, i) => locked[i]?.[1] === 0);
    if (lost.length === 0) return [];
    await connection
      .multi()
      .sadd(worker.keys.stalled, ...lost)
      .del(worker.keys['stalled-check'])
      .exec();
    await worker.startStalledCheckTimer();
    return lost;
  }

  let stopped = false;
  const timer = setInterval(() => {
    if (stopped || !worker.isRunning()) return;
    // An outage is reported by the connection's own listeners.
    sweepOnce().catch(() => undefined);
  }, everyMs);
  timer.unref();

  return {
    sweepOnce,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
