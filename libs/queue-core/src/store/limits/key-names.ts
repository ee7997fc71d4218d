import type { JobType } from '@errand/contracts';
import type { JobStore } from '../job-store';
import {
  heldKeysKey,
  jobTypeLimitsKey,
  keyHeldKey,
  keySlotsKey,
} from '../keys';
import type { QueueNaming } from '../queue-name';
import type { ShareScope } from './key-shares';
import type { SlotBatchKeys } from './slot-batches';

/**
 * The Redis names of per-key concurrency (key-slots.ts), made once per
 * type and key rather than per job.
 */

/** What the names depend on: the store, type, key, lease and default cap. */
export interface KeyNamesRequest {
  store: Pick<JobStore, 'naming'>;
  type: JobType;
  key: string;
  defaultCap: number | null;
  leaseMs: number;
}

/** One key's running set and held list, and the key. */
export interface KeyNames {
  running: string;
  held: string;
  key: string;
  /** Its share's settings in this process, made at its first shared take. */
  scope?: ShareScope;
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

export function batchKeysOf(request: KeyNamesRequest): SlotBatchKeys {
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

export function keyNamesOf({ store, type, key }: KeyNamesRequest): KeyNames {
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
