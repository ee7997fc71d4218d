import { jobTypes, type JobType } from '@errand/contracts';
import { queueNameFor, type QueueNaming } from './queue-name';

/**
 * Every Redis key (and the one channel) Errand names itself, in one place:
 * BullMQ names its own queue keys (`<prefix>:<queue>:<suffix>`), and
 * {@link KEY_PATTERNS} lists both, so a test can check that nothing else is
 * written. The names are those deployments already hold: changing one
 * strands the data under the old name, so they keep their history's mixed
 * spellings (`errand-cancelled` beside `idempotency-index`).
 *
 * Hash tags: a queue's keys carry the queue's tag (`{email.send}`, or a
 * flow shard's, `{f2}email.send`), so BullMQ's scripts touch one slot. A key Errand adds beside a queue's keys
 * does too. A key of its own is tagged with its own name where the tag was
 * always part of the name; single-key writes (probe, limits) need none.
 */

/** `<prefix>:<part>`, or `<prefix>:{<part>}` when the naming hash-tags. */
function ownKey({ prefix, hashTag }: QueueNaming, part: string): string {
  return hashTag ? `${prefix}:{${part}}` : `${prefix}:${part}`;
}

/** BullMQ's own `<prefix>:<queue>` base for the queue of `type`. */
function queueBaseKey(naming: QueueNaming, type: JobType): string {
  return `${naming.prefix}:${queueNameFor(type, naming)}`;
}

/** The audit log stream (see admin/audit). */
export function auditKey(naming: QueueNaming): string {
  return ownKey(naming, 'audit');
}

/** The sign that encryption at rest is on (see store/security). */
export function encryptionMarkerKey(naming: QueueNaming): string {
  return ownKey(naming, 'encryption');
}

/** Marks the dashboard session `id` as ended. */
export function revokedSessionKey(naming: QueueNaming, id: string): string {
  return ownKey(naming, `dashboard:revoked:${id}`);
}

/** The readiness probe's throw-away write; one key, so never tagged. */
export function readinessProbeKey(naming: QueueNaming): string {
  return `${naming.prefix}:readiness-probe`;
}

/**
 * The pub/sub channel of cancel requests. A channel, not a key: nothing is
 * stored, but API and workers must agree on it, so it lives here too.
 */
export function cancelChannel(naming: QueueNaming): string {
  return `${naming.prefix}:errand:cancel`;
}

/** Cancelled jobs' views by id, beside the queue's keys (its slot). */
export function cancelledViewsKey(naming: QueueNaming, type: JobType): string {
  return `${queueBaseKey(naming, type)}:errand-cancelled`;
}

/** Cancelled job ids by time of cancellation, for trimming. */
export function cancelledAtKey(naming: QueueNaming, type: JobType): string {
  return `${queueBaseKey(naming, type)}:errand-cancelled-at`;
}

/**
 * An idempotency record, named by the SHA-256 `digest` of the client's key:
 * always its own hash tag, so records spread over slots.
 */
export function idempotencyRecordKeyOf(
  naming: QueueNaming,
  digest: string,
): string {
  return `${naming.prefix}:idempotency:{${digest}}`;
}

/** A type's index of live idempotency records, in the queue's slot. */
export function idempotencyIndexKey(
  naming: QueueNaming,
  type: JobType,
): string {
  return `${naming.prefix}:idempotency-index:${queueNameFor(type, naming)}`;
}

/**
 * The stall sweeper's one-turn-per-period lock, beside the queue's
 * `stalled` set (`worker.keys.stalled`, BullMQ's name for it).
 */
export function stallSweepKey(stalledKey: string): string {
  return `${stalledKey}:errand-sweep`;
}

/**
 * A job's BullMQ log, where its history rows live (store/history), from
 * BullMQ's `job.queueQualifiedName` (`<prefix>:<queue>`).
 */
export function jobLogKey(queueQualifiedName: string, id: string): string {
  return `${queueQualifiedName}:${id}:logs`;
}

/**
 * A type's flow limits set at run time (`PUT /job-types/{type}/limits`),
 * as JSON, beside the queue's keys: the limits' change and BullMQ's copy
 * of them in the queue's `meta` are written together (store/limits).
 */
export function jobTypeLimitsKey(naming: QueueNaming, type: JobType): string {
  return `${queueBaseKey(naming, type)}:errand-limits`;
}

/**
 * The jobs of one concurrency key running now, by lease end (a sorted
 * set), beside the queue's keys so a worker's script reaches both.
 */
export function keySlotsKey(
  naming: QueueNaming,
  type: JobType,
  concurrencyKey: string,
): string {
  return `${queueBaseKey(naming, type)}:errand-key-running:${concurrencyKey}`;
}

/** The jobs of one concurrency key held back by its cap, oldest first. */
export function keyHeldKey(
  naming: QueueNaming,
  type: JobType,
  concurrencyKey: string,
): string {
  return `${queueBaseKey(naming, type)}:errand-key-held:${concurrencyKey}`;
}

/** The concurrency keys of a type that hold jobs back now (a set). */
export function heldKeysKey(naming: QueueNaming, type: JobType): string {
  return `${queueBaseKey(naming, type)}:errand-held-keys`;
}

/** What express-rate-limit puts before each API rate-limit bucket. */
export function rateLimitKeyPrefix(naming: QueueNaming): string {
  return `${naming.prefix}:rate-limit:`;
}

/** What the API's failed-login limit puts before each address bucket. */
export function authFailureKeyPrefix(naming: QueueNaming): string {
  return `${naming.prefix}:auth-failures:`;
}

/** Which hash tag a key carries when the naming hash-tags. */
type KeyTag = 'queue' | 'own' | 'none';

/** One shape of key Errand (or BullMQ for it) writes under the prefix. */
export interface KeyPattern {
  name: string;
  /** Matches the key with `<prefix>:` cut off. */
  rest: RegExp;
  tag: KeyTag;
}

/**
 * A queue's name: a job type, hash-tagged or not, or a type's queue in a
 * flow shard (`{f2}email.send`, queue-name.ts), tagged with the shard.
 */
const typeNames = jobTypes.map(type => type.replaceAll('.', '\\.')).join('|');
const queue = `(\\{(${typeNames})\\}|(${typeNames})|\\{f\\d+\\}(${typeNames}))`;

/** BullMQ's names for a queue's keys (its `QueueKeys.getKeys`). */
const BULLMQ_QUEUE_KEYS = [
  'active',
  'wait',
  'waiting-children',
  'paused',
  'id',
  'delayed',
  'prioritized',
  'stalled-check',
  'completed',
  'failed',
  'stalled',
  'repeat',
  'limiter',
  'meta',
  'events',
  'pc',
  'marker',
  'de',
].join('|');

/**
 * Every key shape, after `<prefix>:`. A key that matches none was built by
 * hand somewhere: the keys spec fails on it.
 */
const KEY_PATTERNS: readonly KeyPattern[] = [
  { name: 'audit', rest: /^\{?audit\}?$/, tag: 'own' },
  { name: 'encryption marker', rest: /^\{?encryption\}?$/, tag: 'own' },
  {
    name: 'revoked dashboard session',
    rest: /^\{?dashboard:revoked:[^}]+\}?$/,
    tag: 'own',
  },
  { name: 'readiness probe', rest: /^readiness-probe$/, tag: 'none' },
  {
    name: 'idempotency record',
    rest: /^idempotency:\{[0-9a-f]{64}\}$/,
    tag: 'own',
  },
  {
    name: 'idempotency index',
    rest: new RegExp(`^idempotency-index:${queue}$`),
    tag: 'queue',
  },
  { name: 'rate limit', rest: /^rate-limit:.+$/, tag: 'none' },
  { name: 'auth failures', rest: /^auth-failures:.+$/, tag: 'none' },
  {
    name: 'cancelled jobs',
    rest: new RegExp(`^${queue}:errand-cancelled(-at)?$`),
    tag: 'queue',
  },
  {
    name: 'job type limits',
    rest: new RegExp(`^${queue}:errand-(limits|held-keys)$`),
    tag: 'queue',
  },
  {
    name: 'concurrency key slots',
    rest: new RegExp(`^${queue}:errand-key-(running|held):.+$`),
    tag: 'queue',
  },
  {
    name: 'stall sweep throttle',
    rest: new RegExp(`^${queue}:stalled:errand-sweep$`),
    tag: 'queue',
  },
  // BullMQ's own: the queue's keys (its queue-keys.ts list, metrics,
  // schedulers, deduplication) and each job's hash, lock and log (`<id>`,
  // `<id>:lock`, `<id>:logs`). A job id never starts with `errand-`, the
  // mark of Errand's own keys beside a queue's, each listed above.
  {
    name: 'BullMQ queue key',
    rest: new RegExp(
      `^${queue}:(${BULLMQ_QUEUE_KEYS}|metrics:(completed|failed)(:data)?|(repeat|de):[^:]+)$`,
    ),
    tag: 'queue',
  },
  {
    name: 'BullMQ job key',
    rest: new RegExp(
      `^${queue}:(?!errand-)[^:]+(:(lock|logs|dependencies|processed|failed|unsuccessful))?$`,
    ),
    tag: 'queue',
  },
];

/**
 * The pattern `key` (a full key, prefix included) matches, or undefined
 * when it is not under `prefix` or matches no pattern.
 */
export function keyPatternOf(
  prefix: string,
  key: string,
): KeyPattern | undefined {
  if (!key.startsWith(`${prefix}:`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  return KEY_PATTERNS.find(pattern => pattern.rest.test(rest));
}
