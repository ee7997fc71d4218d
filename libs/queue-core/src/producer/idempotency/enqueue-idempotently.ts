import type { BinaryLike } from 'node:crypto';
import type { EnqueueAccepted, ValidEnqueueRequest } from '@errand/contracts';
import { JobNotFoundError } from '../../store/errors/job-not-found-error';
import { getJobView } from '../../store/find-job';
import { newJobId } from '../../store/job-id';
import { enqueueJob } from '../enqueue-job';
import { delayOf } from '../../store/job-options';
import type { JobStore } from '../../store/job-store';
import { bodyHashOf } from './body-hash';
import { IdempotencyConflictError } from './idempotency-conflict-error';
import { idempotencyRecordKey } from './idempotency-key';
import {
  indexIdempotencyRecord,
  unindexIdempotencyRecord,
} from './idempotency-record-index';

/** The default of {@link IdempotentEnqueue.windowMs}: 24 hours. */
export const DEFAULT_IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1_000;

/** What an idempotent enqueue needs beside the request. */
export interface IdempotentEnqueue {
  /** The client's `Idempotency-Key`, already validated. */
  key: string;
  /** The request body as sent, hashed to tell a repeat from a misuse. */
  body: unknown;
  /**
   * The server's idempotency secret, which keys the body's hash (HMAC) so
   * the stored record gives nothing of the body away. Every API replica
   * needs the same one, or a repeat on another replica is a conflict.
   */
  secret: BinaryLike;
  /**
   * How long the key is remembered from its first use.
   * @defaultValue {@link DEFAULT_IDEMPOTENCY_WINDOW_MS}
   */
  windowMs?: number;
  /**
   * Stored as the job's owner: the API key's name. It also scopes the key:
   * two owners may use the same key for two jobs.
   */
  owner?: string;
  /** The trace the job joins, as in `EnqueueJobOptions`. */
  traceparent?: string;
}

/** The answer: the job, and whether this call created it. */
export interface IdempotentOutcome {
  accepted: EnqueueAccepted;
  /** False for a repeat: nothing new was stored. */
  created: boolean;
}

/** What Redis keeps per key: the job's acceptance and the body's HMAC. */
interface IdempotencyRecord extends EnqueueAccepted {
  bodyHash: string;
}

/**
 * Deletes the claim only if it is still ours: after the window ran out
 * another request may hold the key.
 */
const RELEASE_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Attempts at claiming a key whose record vanished between SET and GET. */
const CLAIM_ATTEMPTS = 3;

/**
 * Enqueues a job at most once per idempotency key within the window.
 *
 * 1. claim: the job id is made first, and `SET key record NX PX window`
 *    stores it under the key; of any number of concurrent requests exactly
 *    one wins the claim.
 * 2. the winner adds the record to its type's index (it counts towards the
 *    queue cap until the window ends), then enqueues under that id; if the
 *    enqueue fails, it releases the claim and unindexes it so the client's
 *    retry can succeed, then rethrows.
 * 3. a loser reads the record: a different body hash is a conflict; the
 *    same body answers with the first job, its current status when the job
 *    is still stored, else the status it was accepted with (the record
 *    outlives the job's own retention).
 *
 * A loser that reads the record while the winner's enqueue is still on its
 * way answers with the accepted status; should that enqueue then fail, the
 * id it answered never comes to exist, and the client's next repeat
 * creates the job.
 */
export async function enqueueIdempotently(
  queues: JobStore,
  request: ValidEnqueueRequest,
  {
    key,
    body,
    secret,
    windowMs = DEFAULT_IDEMPOTENCY_WINDOW_MS,
    owner,
    traceparent,
  }: IdempotentEnqueue,
): Promise<IdempotentOutcome> {
  const recordKey = idempotencyRecordKey(key, queues.naming, owner);
  const bodyHash = bodyHashOf(body, secret);
  const redis = queues.connection;
  for (let attempt = 1; ; attempt++) {
    const now = Date.now();
    const claim: IdempotencyRecord = {
      id: newJobId(request.type),
      type: request.type,
      ...(request.requestedType && { requestedType: request.requestedType }),
      status: delayOf(request, now) > 0 ? 'scheduled' : 'queued',
      createdAt: new Date(now).toISOString(),
      bodyHash,
    };
    const claimed = JSON.stringify(claim);
    const won = await queues.runWithDeadline(() =>
      redis.set(recordKey, claimed, 'PX', windowMs, 'NX'),
    );
    if (won) {
      let accepted: EnqueueAccepted;
      try {
        await indexIdempotencyRecord(
          queues,
          request.type,
          recordKey,
          now + windowMs,
        );
        accepted = await enqueueJob(queues, request, {
          id: claim.id,
          owner,
          traceparent,
        });
      } catch (error) {
        await queues
          .runWithDeadline(() =>
            redis.eval(RELEASE_CLAIM, 1, recordKey, claimed),
          )
          .catch(() => undefined);
        await unindexIdempotencyRecord(queues, request.type, recordKey).catch(
          () => undefined,
        );
        throw error;
      }
      // Keep the exact acceptance for repeats after the job is gone.
      const record: IdempotencyRecord = { ...accepted, bodyHash };
      await queues
        .runWithDeadline(() =>
          redis.set(recordKey, JSON.stringify(record), 'KEEPTTL', 'XX'),
        )
        .catch(() => undefined);
      return { accepted, created: true };
    }
    const stored = await queues.runWithDeadline(() => redis.get(recordKey));
    if (stored === null) {
      // The window ran out between our SET and GET: claim it afresh.
      if (attempt < CLAIM_ATTEMPTS) continue;
      throw new Error(`The idempotency record ${recordKey} keeps vanishing.`);
    }
    const record = JSON.parse(stored) as IdempotencyRecord;
    if (record.bodyHash !== bodyHash) {
      throw new IdempotencyConflictError(record.id);
    }
    return {
      accepted: await currentAcceptance(queues, record),
      created: false,
    };
  }
}

/** The record's acceptance, with the job's status now if it still exists. */
async function currentAcceptance(
  queues: JobStore,
  { bodyHash: _bodyHash, ...accepted }: IdempotencyRecord,
): Promise<EnqueueAccepted> {
  try {
    const view = await getJobView(queues, accepted.id);
    return { ...accepted, status: view.status };
  } catch (error) {
    if (error instanceof JobNotFoundError) return accepted;
    throw error;
  }
}
