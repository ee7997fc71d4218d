import {
  DelayedError,
  RateLimitError,
  UnrecoverableError,
  WaitingError,
  type Job,
} from 'bullmq';
import {
  parseJobType,
  type Outcome,
  type ValidFlowNode,
} from '@errand/contracts';
import { releasePendingChildren } from '../store/flow/release-children';
import { JobCancelledError } from '../store/errors/job-cancelled-error';
import { recordEvent } from '../store/history/job-history';
import type { JobEnvelope } from '../store/job-envelope';
import type { JobStore } from '../store/job-store';
import { parseQueueName } from '../store/queue-name';
import { sendEndingCallback } from './send-ending-callback';
import { holdForKey } from '../store/limits/key-slots';
import { pauseForProvider } from './limits/provider-pause';
import { toError } from './to-error';
import { validChildren } from './valid-children';
import { canFanOut, moveToWaitingForChildren } from './wait-for-children';
import { WorkerShutdownError } from './worker-shutdown-error';
import { moveToCancelled } from './move-to-cancelled';

/**
 * Every way an attempt can end, and the one place each ending becomes
 * BullMQ mechanics and a line of the job's history.
 *
 * An attempt (attempt.ts) returns an {@link Ending}, decided here by
 * {@link endingOf} from what the handler returned or threw and why its run
 * was stopped; {@link settle} then moves the job:
 *
 * | ending     | history   | BullMQ                                              | attempt used |
 * |------------|-----------|-----------------------------------------------------|--------------|
 * | succeeded  | —         | the result is returned; BullMQ stores it (a parent's children still pending, under `continue`, are cut loose first: store/flow/release-children.ts) | yes |
 * | retrying   | failed    | a plain error is thrown; BullMQ backs off and retries | yes        |
 * | dead       | failed    | the error is thrown on the last attempt, or an `UnrecoverableError` for a discard; BullMQ fails the job and it lands in the dead-letter queue | yes |
 * | snoozed    | snoozed   | `moveToDelayed`, then `DelayedError`                | no           |
 * | cancelled  | —¹        | the view is kept as cancelled, `moveToFailed` without retry, the job removed, then `WaitingError` | no |
 * | released   | released  | `moveToWait`, then `WaitingError`                   | no           |
 * | rateLimited | snoozed  | the type paused on every worker (limits/provider-pause.ts), then `RateLimitError`: BullMQ puts the job back at the head of its queue | no |
 * | held       | —         | `moveToDelayed` until a recheck, its key's held list joined (store/limits/key-slots.ts), then `DelayedError` | no |
 * | waiting    | —         | its children stored under it, its pass counted, `moveToWaitingChildren`, then `WaitingChildrenError` (wait-for-children.ts) | no |
 *
 * ¹ the cancelled view carries its whole timeline, the cancellation last.
 * `DelayedError` and `WaitingError` tell BullMQ the job was moved here and
 * it must do nothing more with it.
 */
export type Ending =
  | { kind: 'succeeded'; result: unknown }
  | {
      kind: 'retrying' | 'dead';
      /** What BullMQ records as the failure. */
      error: Error;
      /** The handler's stack, when it threw; null for a returned outcome. */
      stack: string | null;
    }
  | { kind: 'snoozed'; delayMs: number; reason: string }
  | { kind: 'cancelled'; by: string }
  /**
   * The provider said "slow down": the type pauses for `retryAfterMs`;
   * `started` is set by {@link settle}: true when this ending began the
   * pause (it is logged once).
   */
  | {
      kind: 'rateLimited';
      retryAfterMs: number;
      reason: string;
      started?: boolean;
    }
  /**
   * Never run: its concurrency key had as many running as its cap; it runs
   * when a slot frees (key-slots.ts), or at the latest after `recheckMs`.
   */
  | {
      kind: 'held';
      key: string;
      defaultCap: number | null;
      leaseMs: number;
      recheckMs: number;
    }
  | { kind: 'released' }
  /** The handler fanned out: these children run, then it is called again. */
  | { kind: 'waiting'; children: ValidFlowNode[] };

/** Where an attempt leaves its job: the kind of its {@link Ending}. */
export type Settlement = Ending['kind'];

/** What the handler did: returned an outcome, or threw. */
export type AttemptResult = { outcome: Outcome<unknown> } | { thrown: unknown };

/** The facts of the attempt that history lines carry. */
export interface AttemptFacts {
  attempt: number;
  worker: string;
  durationMs: number;
}

/**
 * Decides how an attempt ended. An outcome the handler returned wins; a
 * throw is the job's failure unless the run was stopped by a cancellation
 * or the worker's shutdown, which need the job's lock (`hasLock`) to end it
 * on the worker's terms.
 */
export function endingOf(
  result: AttemptResult,
  stopReason: Error | undefined,
  hasLock: boolean,
  attempt: number,
  maxAttempts: number,
): Ending {
  const failedKind = attempt < maxAttempts ? 'retrying' : 'dead';
  if ('thrown' in result) {
    if (hasLock && stopReason instanceof JobCancelledError) {
      return { kind: 'cancelled', by: stopReason.by };
    }
    if (hasLock && stopReason instanceof WorkerShutdownError) {
      // An attempt cut short by shutdown is not the job's failure.
      return { kind: 'released' };
    }
    const error = toError(result.thrown);
    return { kind: failedKind, error, stack: error.stack ?? null };
  }
  const { outcome } = result;
  switch (outcome.kind) {
    case 'completed':
      return { kind: 'succeeded', result: outcome.result };
    case 'retry':
      return {
        kind: failedKind,
        error: new Error(outcome.reason),
        stack: null,
      };
    case 'discard':
      return {
        kind: 'dead',
        error: new UnrecoverableError(outcome.reason),
        stack: null,
      };
    case 'snooze':
      return {
        kind: 'snoozed',
        delayMs: outcome.delayMs,
        reason: outcome.reason,
      };
    case 'rateLimited':
      return {
        kind: 'rateLimited',
        retryAfterMs: outcome.retryAfterMs,
        reason: outcome.reason,
      };
    case 'waitForChildren': {
      const children = validChildren(outcome.children);
      return children instanceof Error
        ? { kind: 'dead', error: children, stack: null }
        : { kind: 'waiting', children };
    }
  }
}

/** Writes history without letting a failed write change the job's fate. */
async function record(
  job: Job,
  event: Parameters<typeof recordEvent>[1],
): Promise<void> {
  await recordEvent(job, event).catch(() => undefined);
}

/**
 * Moves the job as its ending says (the table above) and writes that
 * ending in its history. Returns the result BullMQ stores for a success;
 * throws what BullMQ must see for every other ending.
 */
export async function settle(
  job: Job,
  token: string | undefined,
  ending: Ending,
  facts: AttemptFacts,
  store: JobStore,
): Promise<unknown> {
  switch (ending.kind) {
    case 'succeeded':
      // A parent run under `continue` may leave children pending.
      if ((job.data as JobEnvelope | undefined)?.hasChildren) {
        await releasePendingChildren(
          store,
          parseJobType(job.name),
          job.id ?? '',
          parseQueueName(job.queueName)?.shard,
        );
      }
      await sendEndingCallback(job, store, {
        status: 'succeeded',
        attemptsMade: facts.attempt,
        result: ending.result,
      });
      return ending.result;
    case 'retrying':
    case 'dead':
      await record(job, {
        event: 'failed',
        ...facts,
        error: { message: ending.error.message, stack: ending.stack },
        next: ending.kind,
      });
      if (ending.kind === 'dead') {
        await sendEndingCallback(job, store, {
          status: 'dead',
          attemptsMade: facts.attempt,
          error: ending.error,
        });
      }
      throw ending.error;
    case 'snoozed':
      await record(job, {
        event: 'snoozed',
        ...facts,
        reason: ending.reason,
        until: new Date(Date.now() + ending.delayMs).toISOString(),
      });
      await job.moveToDelayed(Date.now() + ending.delayMs, token);
      throw new DelayedError(ending.reason);
    case 'cancelled':
      // endingOf gives `cancelled` only to a job whose lock is held.
      await moveToCancelled(job, token ?? '', store, ending.by, facts);
      await sendEndingCallback(job, store, {
        status: 'cancelled',
        attemptsMade: job.attemptsMade,
      });
      throw new WaitingError();
    case 'rateLimited': {
      const until = new Date(Date.now() + ending.retryAfterMs).toISOString();
      await record(job, {
        event: 'snoozed',
        ...facts,
        reason: `${job.name} paused by the provider: ${ending.reason}`,
        until,
      });
      // Every queue of the type: on a cluster its flow shards' too.
      [ending.started] = await Promise.all(
        store
          .queuesOf(parseJobType(job.name))
          .map(queue =>
            pauseForProvider(store.connection, queue, ending.retryAfterMs),
          ),
      );
      // BullMQ puts the job back in its queue, attempt not used, and this
      // worker waits out the pause like every other.
      throw new RateLimitError();
    }
    case 'held':
      await job.moveToDelayed(Date.now() + ending.recheckMs, token);
      await holdForKey(
        {
          store,
          type: parseJobType(job.name),
          key: ending.key,
          defaultCap: ending.defaultCap,
          leaseMs: ending.leaseMs,
        },
        [job.id ?? ''],
      );
      throw new DelayedError(`key ${ending.key} is at its cap`);
    case 'released':
      await record(job, { event: 'released', ...facts });
      await job.moveToWait(token);
      throw new WaitingError();
    case 'waiting':
      if (!canFanOut(store.naming, job.queueName)) {
        const error = new UnrecoverableError(
          'waitForChildren on a Redis Cluster needs a flow: enqueue this job with POST /flows (a root alone), so its children can share its slot',
        );
        return settle(
          job,
          token,
          { kind: 'dead', error, stack: null },
          facts,
          store,
        );
      }
      // Never without a lock: an outcome is returned by a running handler.
      return moveToWaitingForChildren(job, token ?? '', ending.children, store);
  }
}
