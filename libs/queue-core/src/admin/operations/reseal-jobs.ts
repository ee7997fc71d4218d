import type { JobType as BullState } from 'bullmq';
import {
  jobTypes,
  mapSensitive,
  sensitivePayloadSchemaOf,
  type JobType,
} from '@errand/contracts';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { flowShardsOf } from '../../store/queue-name';
import { EncryptionKeyMissingError } from '../../store/security/encryption-key-missing-error';
import { recordEncryptionOn } from '../../store/security/encryption-marker';
import type { PayloadCipher } from '../../store/security/payload-cipher';
import { SEALED_V1 } from '../../store/security/sealed-value';

/**
 * Every state a job with a payload is kept in: waiting to run, running,
 * dead (and so maybe replayed), and succeeded. No one opens a succeeded
 * job again, but its sealed values stay in Redis for as long as it is
 * kept, where someone with write access could copy one into a job that
 * will run: a v1 value (bound to no job) would open there. So after a
 * clean reseal no value in Redis is in the v1 format, or under a key about
 * to leave the ring.
 */
const STATES: readonly BullState[] = [
  'waiting',
  'prioritized',
  'delayed',
  'waiting-children',
  'active',
  'failed',
  'completed',
];
/** Job ids read at once. */
const PAGE = 200;
/** Failures listed; the count has them all. */
const MAX_FAILURES_LISTED = 100;

// Writes the new data only if the job's data is still what was read: a
// replay patch or a removal in between wins, and the job is counted as
// changed meanwhile instead. One script, so each job changes atomically.
const COMPARE_AND_SET = `if redis.call('HGET', KEYS[1], 'data') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'data', ARGV[2])
  return 1
end
return 0`;

/** What {@link resealJobs} does. */
export interface ResealOptions {
  /** Count what would change; write nothing. @defaultValue false */
  dryRun?: boolean;
  /** The job types to walk. @defaultValue every type with sensitive fields */
  types?: readonly JobType[];
}

/** One job whose sealed values do not open with the ring. */
interface ResealFailure {
  id: string;
  type: JobType;
  message: string;
}

/** What a reseal did, or would do with `dryRun`. */
export interface ResealResult {
  dryRun: boolean;
  /** The key everything is now sealed under. */
  keyId: string;
  /** Jobs read. */
  scanned: number;
  /** Jobs rewritten (or that would be). */
  resealed: number;
  /** Jobs already sealed under the newest key. */
  unchanged: number;
  /** Jobs whose data changed between read and write; run again for them. */
  changedMeanwhile: number;
  /** Jobs that do not open: left as they are. */
  failedCount: number;
  /**
   * Values found in the v1 format, bound to no job (sealed-value.ts), in
   * the jobs read, those that do not open included.
   */
  v1Found: number;
  /**
   * Of those, the values sealed again in the current format (or that would
   * be). When all were, and no job failed or changed meanwhile, none is
   * left, and PAYLOAD_ENCRYPTION_OPEN_V1 can be set to false.
   */
  v1Resealed: number;
  /** The first {@link MAX_FAILURES_LISTED} of them. */
  failed: ResealFailure[];
}

/**
 * Re-seals the sensitive fields of every stored job (see {@link STATES})
 * under the ring's newest key, in the current
 * format: values under older keys, in the v1 format, or in clear (stored
 * before encryption was on). Each job is rewritten atomically, and only if
 * it did not change meanwhile. Jobs that move between states during the
 * walk may be missed: run it until `resealed` is 0. Scheduler templates
 * are resealed by the workers' schedule reconciler when they start.
 */
export async function resealJobs(
  queues: JobStore,
  { dryRun = false, types = jobTypes }: ResealOptions = {},
): Promise<ResealResult> {
  const { cipher } = queues;
  if (!cipher) throw EncryptionKeyMissingError.forCommand('Resealing jobs');
  const result: ResealResult = {
    dryRun,
    keyId: cipher.sealingKeyId,
    scanned: 0,
    resealed: 0,
    unchanged: 0,
    changedMeanwhile: 0,
    failedCount: 0,
    v1Found: 0,
    v1Resealed: 0,
    failed: [],
  };
  const seen = new Set<string>();
  const places = types
    .filter(t => sensitivePayloadSchemaOf(t))
    // Every queue of the type: on a cluster its flow shards' too.
    .flatMap(type =>
      [undefined, ...flowShardsOf(queues.naming)].map(shard => ({
        type,
        shard,
      })),
    );
  for (const { type, shard } of places) {
    // Opened inside `run`, once the connection is ready: a producer
    // connection refuses commands before that.
    const queue = () => queues.queueFor(type, shard);
    for (const state of STATES) {
      for (let start = 0; ; start += PAGE) {
        const ids = await queues.runWithDeadline(() =>
          queue().getRanges([state], start, start + PAGE - 1, true),
        );
        for (const id of ids) {
          if (seen.has(id)) continue;
          seen.add(id);
          await resealOne(queues, cipher, type, id, queue().toKey(id), result);
        }
        if (ids.length < PAGE) break;
      }
    }
  }
  if (!dryRun) {
    await recordEncryptionOn(queues);
  }
  return result;
}

async function resealOne(
  queues: JobStore,
  cipher: PayloadCipher,
  type: JobType,
  id: string,
  key: string,
  result: ResealResult,
): Promise<void> {
  const raw = await queues.runWithDeadline(() =>
    queues.connection.hget(key, 'data'),
  );
  if (raw === null) return; // removed meanwhile
  result.scanned += 1;
  let data: JobEnvelope;
  let next: { payload: unknown; changed: boolean };
  let v1 = 0;
  try {
    data = JSON.parse(raw) as JobEnvelope;
    v1 = v1ValuesIn(type, data.payload);
    result.v1Found += v1;
    next = cipher.reseal({ type, jobId: id }, data.payload);
  } catch (error) {
    result.failedCount += 1;
    if (result.failed.length < MAX_FAILURES_LISTED) {
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ id, type, message });
    }
    return;
  }
  if (!next.changed) {
    result.unchanged += 1;
    return;
  }
  if (result.dryRun) {
    result.resealed += 1;
    result.v1Resealed += v1;
    return;
  }
  const written = await queues.runWithDeadline(() =>
    queues.connection.eval(
      COMPARE_AND_SET,
      1,
      key,
      raw,
      JSON.stringify({ ...data, payload: next.payload }),
    ),
  );
  if (written === 1) {
    result.resealed += 1;
    result.v1Resealed += v1;
  } else {
    result.changedMeanwhile += 1;
  }
}

/** How many sensitive fields of `payload` are in the v1 format. */
function v1ValuesIn(type: JobType, payload: unknown): number {
  let count = 0;
  const schema = sensitivePayloadSchemaOf(type);
  if (schema) {
    mapSensitive(schema, payload, value => {
      if (typeof value === 'string' && value.startsWith(SEALED_V1)) count += 1;
      return value;
    });
  }
  return count;
}
