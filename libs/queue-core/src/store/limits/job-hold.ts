import type { JobType, JobView } from '@errand/contracts';
import type { JobEnvelope } from '../job-envelope';
import type { JobStore } from '../job-store';
import { keyHeldKey, keySlotsKey } from '../keys';
import { readRuntimeLimits } from './job-type-limits';

/** A job held by its key: the key, its live slots and its cap. */
export interface KeyHold {
  key: string;
  running: number;
  cap: number | null;
}

/**
 * The sentence `inspector why` and a held job's view both give, so the two
 * cannot say different things.
 */
export function describeKeyHold(
  { key, running, cap }: KeyHold,
  runAt: number,
): string {
  return `key ${key} has ${running} of ${cap ?? 'no cap'} running; it starts when one ends (at the latest at ${new Date(runAt).toISOString()}).`;
}

/**
 * A job held by its key (store/limits/key-slots.ts) sits in BullMQ's
 * delayed set, so its status is `scheduled` and its `runAt` is only the
 * recheck time; its view gains `heldBy` to say why. Only a scheduled job
 * with a `concurrencyKey` pays for it (its held list's `LPOS`, its live
 * slots, its type's run-time limits: three commands sent together); a
 * status poll of any other job costs nothing more.
 */
export async function withKeyHold(
  queues: JobStore,
  { data, type }: { data: JobEnvelope | undefined; type: JobType },
  view: JobView,
): Promise<JobView> {
  const key = data?.concurrencyKey;
  if (view.status !== 'scheduled' || !key || view.runAt === null) return view;
  const [held, running, runtime] = await queues.runWithDeadline(() =>
    Promise.all([
      queues.connection.lpos(keyHeldKey(queues.naming, type, key), view.id),
      // Leases not lapsed: a dead worker's slot no longer counts.
      queues.connection.zcount(
        keySlotsKey(queues.naming, type, key),
        Date.now(),
        '+inf',
      ),
      readRuntimeLimits(queues.connection, queues.naming, type),
    ]),
  );
  if (held === null) return view;
  const hold: KeyHold = {
    key,
    running,
    cap: (runtime ?? queues.limitDefaults(type).limits).perKeyConcurrency,
  };
  return {
    ...view,
    heldBy: {
      reason: 'key.held',
      sentence: describeKeyHold(hold, Date.parse(view.runAt)),
      ...hold,
    },
  };
}
