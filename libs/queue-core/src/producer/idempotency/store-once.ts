import type { BinaryLike } from 'node:crypto';
import type { JobType } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { bodyHashOf } from './body-hash';
import { IdempotencyConflictError } from './idempotency-conflict-error';
import { idempotencyRecordKey } from './idempotency-key';
import {
  indexIdempotencyRecord,
  unindexIdempotencyRecord,
} from './idempotency-record-index';

/** The default of {@link IdempotencyKeyUse.windowMs}: 24 hours. */
const DEFAULT_IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1_000;

/** How a client's `Idempotency-Key` is used for one request. */
export interface IdempotencyKeyUse {
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
}

/** What one stored thing (a job, a flow) under a key looks like. */
export interface StoreOnce<Accepted extends { id: string }> {
  /** The type whose queue cap counts the record. */
  type: JobType;
  /** The acceptance to claim the key with, its id made beforehand. */
  claim(now: number): Accepted;
  /** Stores it under the claimed acceptance's id. */
  store(claimed: Accepted): Promise<Accepted>;
  /** A repeat's answer: the recorded acceptance, brought up to date. */
  current(recorded: Accepted): Promise<Accepted>;
}

/**
 * Deletes the claim only if it is still ours: after the window ran out
 * another request may hold the key.
 */
const RELEASE_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Attempts at claiming a key whose record vanished between SET and GET. */
const CLAIM_ATTEMPTS = 3;

/**
 * Stores something at most once per idempotency key within the window.
 *
 * 1. claim: the id is made first, and `SET key record NX PX window`
 *    stores the acceptance under the key; of any number of concurrent
 *    requests exactly one wins the claim.
 * 2. the winner adds the record to its type's index (it counts towards the
 *    queue cap until the window ends), then stores under that id; if that
 *    fails, it releases the claim and unindexes it so the client's retry
 *    can succeed, then rethrows.
 * 3. a loser reads the record: a different body hash is a conflict; the
 *    same body answers with the first acceptance, brought up to date.
 *
 * A loser that reads the record while the winner's store is still on its
 * way answers with the claimed acceptance; should that store then fail, the
 * id it answered never comes to exist, and the client's next repeat
 * creates it.
 */
export async function storeOnce<Accepted extends { id: string }>(
  queues: JobStore,
  {
    key,
    body,
    secret,
    windowMs = DEFAULT_IDEMPOTENCY_WINDOW_MS,
    owner,
  }: IdempotencyKeyUse,
  { type, claim, store, current }: StoreOnce<Accepted>,
): Promise<{ accepted: Accepted; created: boolean }> {
  const recordKey = idempotencyRecordKey(key, queues.naming, owner);
  const bodyHash = bodyHashOf(body, secret);
  const redis = queues.connection;
  for (let attempt = 1; ; attempt++) {
    const now = Date.now();
    const claimed = JSON.stringify({ ...claim(now), bodyHash });
    const won = await queues.runWithDeadline(() =>
      redis.set(recordKey, claimed, 'PX', windowMs, 'NX'),
    );
    if (won) {
      let accepted: Accepted;
      try {
        await indexIdempotencyRecord(queues, type, recordKey, now + windowMs);
        accepted = await store(JSON.parse(claimed) as Accepted);
      } catch (error) {
        await queues
          .runWithDeadline(() =>
            redis.eval(RELEASE_CLAIM, 1, recordKey, claimed),
          )
          .catch(() => undefined);
        await unindexIdempotencyRecord(queues, type, recordKey).catch(
          () => undefined,
        );
        throw error;
      }
      // Keep the exact acceptance for repeats after the job is gone.
      await queues
        .runWithDeadline(() =>
          redis.set(
            recordKey,
            JSON.stringify({ ...accepted, bodyHash }),
            'KEEPTTL',
            'XX',
          ),
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
    const { bodyHash: recorded, ...accepted } = JSON.parse(
      stored,
    ) as Accepted & {
      bodyHash: string;
    };
    if (recorded !== bodyHash) throw new IdempotencyConflictError(accepted.id);
    return {
      accepted: await current(accepted as unknown as Accepted),
      created: false,
    };
  }
}
