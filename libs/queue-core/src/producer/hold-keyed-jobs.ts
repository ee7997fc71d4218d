import type { JobsOptions } from 'bullmq';
import type { JobType, ValidEnqueueRequest } from '@errand/contracts';
import type { JobStore } from '../store/job-store';
import { readRuntimeLimits } from '../store/limits/job-type-limits';
import { holdForKey } from '../store/limits/key-slots';

/**
 * How long a job held at enqueue waits at most (up to twice this, spread
 * at random) if the wake-up that should start it is lost; then a worker
 * looks at it again.
 */
const HELD_RECHECK_MS = 60_000;
/** A slot reserved for a woken job lapses after this if nobody takes it. */
const RESERVATION_LEASE_MS = 30_000;

/** The jobs of one enqueue (a single job or a batch) held by their key. */
export interface KeyedHolds {
  /** The options to store request `index` with: delayed if it is held. */
  optionsFor(index: number, options: JobsOptions): JobsOptions;
  /**
   * Once the jobs are stored (`ids` in request order): records the held
   * ones in their keys' held lists and starts as many as their keys have
   * free slots. Never throws: a job not recorded still runs at its
   * recheck time.
   */
  admit(ids: readonly string[]): Promise<void>;
}

/**
 * Holds keyed jobs at enqueue (see store/limits/key-slots.ts): a job with
 * a `concurrencyKey`, to run now, of a type with a per-key cap is stored
 * delayed and listed as held, so a burst of one key waits out of the
 * queue instead of being fetched job by job, and jobs of other keys find
 * the queue clear. One `GET` per type with keyed jobs, then one script per
 * key and one `promote` per job started.
 */
export async function planKeyedHolds(
  queues: JobStore,
  requests: readonly ValidEnqueueRequest[],
): Promise<KeyedHolds> {
  const candidates = requests.flatMap((request, index) =>
    request.concurrencyKey &&
    request.delay === undefined &&
    request.runAt === undefined
      ? [{ index, type: request.type, key: request.concurrencyKey }]
      : [],
  );
  const caps = new Map<JobType, number | null>();
  for (const type of new Set(candidates.map(c => c.type))) {
    const runtime = await queues.runWithDeadline(() =>
      readRuntimeLimits(queues.connection, queues.naming, type),
    );
    caps.set(
      type,
      (runtime ?? queues.limitDefaults(type).limits).perKeyConcurrency,
    );
  }
  const held = candidates.filter(c => caps.get(c.type) != null);
  const heldIndexes = new Set(held.map(c => c.index));
  return {
    optionsFor: (index, options) =>
      heldIndexes.has(index)
        ? {
            ...options,
            delay: Math.round(HELD_RECHECK_MS * (1 + Math.random())),
          }
        : options,
    async admit(ids) {
      const groups = new Map<string, typeof held>();
      for (const c of held) {
        const group = `${c.type}\u0000${c.key}`;
        groups.set(group, [...(groups.get(group) ?? []), c]);
      }
      await Promise.all(
        [...groups.values()].map(group =>
          holdForKey(
            {
              store: queues,
              type: group[0].type,
              key: group[0].key,
              defaultCap: caps.get(group[0].type) ?? null,
              leaseMs: RESERVATION_LEASE_MS,
            },
            group.map(c => ids[c.index]),
          ).catch(() => undefined),
        ),
      );
    },
  };
}
