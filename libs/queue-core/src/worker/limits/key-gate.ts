import type { Job } from 'bullmq';
import { isJobType, type JobType } from '@errand/contracts';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import {
  catalogLimitDefaults,
  type LimitDefaults,
} from '../../store/limits/limits-config';
import type { Ending } from '../settle';
import {
  takeKeySlot,
  takeSpareKeySlot,
  type KeySlot,
  type KeySlotRequest,
} from '../../store/limits/key-slots';

/** How this worker applies flow limits. */
export interface WorkerLimits {
  /** Each type's limits when none are set at run time. */
  defaults: LimitDefaults;
  /** How long a key slot outlives a dead worker: its lock duration. */
  leaseMs: number;
  /** The longest pause a provider's `rateLimited` may ask for. */
  maxProviderPauseMs: number;
  /**
   * The most spare slots of a key far from its cap this process keeps for
   * its next jobs of that key (store/limits/key-shares.ts); 0: none.
   * @defaultValue {@link DEFAULT_SHARE_SPARE}
   */
  shareSpare?: number;
}

/**
 * Spare slots per take: enough for the few jobs of one key a worker runs
 * at once, few enough that a share holds little of a cap.
 */
const DEFAULT_SHARE_SPARE = 16;

/** The catalog's limits, BullMQ's lock time as lease, pauses up to an hour. */
export const DEFAULT_WORKER_LIMITS: WorkerLimits = {
  defaults: catalogLimitDefaults,
  leaseMs: 30_000,
  maxProviderPauseMs: 60 * 60 * 1_000,
};

/**
 * Each type's default per-key cap, read from the defaults once per type:
 * the defaults are fixed for a process's life, and the catalog's make a
 * new object at each call, which the gate would otherwise pay per job.
 */
const defaultCaps = new WeakMap<LimitDefaults, Map<JobType, number | null>>();

function defaultCapOf(defaults: LimitDefaults, type: JobType): number | null {
  let caps = defaultCaps.get(defaults);
  if (!caps) {
    caps = new Map();
    defaultCaps.set(defaults, caps);
  }
  let cap = caps.get(type);
  if (cap === undefined) {
    cap = defaults(type).limits.perKeyConcurrency;
    caps.set(type, cap);
  }
  return cap;
}

/** The gate of a job without a key: nothing to take. */
const NO_GATE: KeyGate = {};

/** A job let through the key gate (with the slot it holds, if it has a key), or held. */
export type KeyGate =
  { slot?: KeySlot; held?: undefined } | { slot?: undefined; held: Ending };

/**
 * Step 0 of a job's run (process-job.ts): a job with a `concurrencyKey`
 * runs only with one of its key's slots (key-slots.ts); without one its
 * attempt ends `held` before the handler is called. A job without a key,
 * or without the lock (a sandbox's), passes at no cost.
 */
export function passKeyGate(
  job: Job<JobEnvelope>,
  token: string | undefined,
  store: JobStore,
  limits: WorkerLimits,
): KeyGate | Promise<KeyGate> {
  const key = job.data?.concurrencyKey;
  if (!key || !token || !isJobType(job.name)) return NO_GATE;
  const defaultCap = defaultCapOf(limits.defaults, job.name);
  const request = {
    store,
    type: job.name,
    jobId: job.id ?? '',
    key,
    defaultCap,
    leaseMs: limits.leaseMs,
    spare: limits.shareSpare ?? DEFAULT_SHARE_SPARE,
  };
  // A spare slot of this process's share passes at once; else Redis is asked.
  const spare = takeSpareKeySlot(request);
  return spare ? { slot: spare } : askKeyGate(request, limits);
}

async function askKeyGate(
  request: KeySlotRequest,
  limits: WorkerLimits,
): Promise<KeyGate> {
  const { key, defaultCap } = request;
  const slot = await takeKeySlot(request);
  if (slot) return { slot };
  // Held jobs of one key come back spread over a lease, not all at once.
  const recheckMs = Math.round(limits.leaseMs * (1 + Math.random()));
  return {
    held: {
      kind: 'held',
      key,
      defaultCap,
      leaseMs: limits.leaseMs,
      recheckMs,
    },
  };
}

/** A provider's pause, no longer than this worker allows. */
export function capProviderPause(ending: Ending, limits: WorkerLimits): Ending {
  return ending.kind === 'rateLimited'
    ? {
        ...ending,
        retryAfterMs: Math.min(ending.retryAfterMs, limits.maxProviderPauseMs),
      }
    : ending;
}
