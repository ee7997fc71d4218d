import {
  completed,
  discard,
  type JobContext,
  type Outcome,
} from '@errand/contracts/extension';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLedgerFile } from './ledger-file';
import type {
  SystemLedgerPayload,
  SystemLedgerResult,
} from './system-ledger.job';

/** What the handler reads of its job's context. */
export type LedgerJobContext = Pick<
  JobContext,
  'jobId' | 'attempt' | 'signal' | 'children'
>;

/** Where the ledger goes and whether poison modes may run. */
export interface SystemLedgerOptions {
  /** Unset: the type is off and its jobs are discarded. */
  ledgerDir?: string;
  /** `ERRAND_CHAOS`: the poison modes run only when true. */
  chaos?: boolean;
}

/**
 * `system.ledger`: records `start`, works `ms`, records `done`, and only
 * then returns, so the consumer acknowledges a job whose `done` is already
 * written. A job may therefore have a `done` and run again (its worker was
 * killed between the record and the acknowledgement): the checker counts
 * that as a duplicate completion, which at-least-once allows. Asked to
 * `readChildren` (a flow parent), it reads its children's outcomes after
 * its work and records how many succeeded in its `done`.
 */
export function systemLedgerHandler(
  options: SystemLedgerOptions,
): (
  payload: SystemLedgerPayload,
  context: LedgerJobContext,
) => Promise<Outcome<SystemLedgerResult>> {
  const ledger = options.ledgerDir && openLedgerFile(options.ledgerDir);
  return async (payload, context) => {
    if (!ledger) {
      return discard(
        'system.ledger is off: LEDGER_DIR is not set on the worker',
      );
    }
    if (payload.poison && !options.chaos) {
      return discard(
        `system.ledger poison "${payload.poison}" needs a worker started with ERRAND_CHAOS=1`,
      );
    }
    const record = {
      id: context.jobId,
      ...(payload.ref !== undefined && { ref: payload.ref }),
      attempt: context.attempt,
    };
    await ledger.append({ ...record, event: 'start' });
    switch (payload.poison) {
      case 'exit':
        // A crash: no shutdown, no acknowledgement, the lock left to expire.
        process.exit(70);
        break;
      case 'hang':
        // Ignores its abort signal: only the timeout settles the attempt.
        await new Promise<never>(() => undefined);
        break;
      case 'throw':
        throw { reason: 'system.ledger throws a plain object on purpose' };
      case 'twice':
        await ledger.append({ ...record, event: 'done' });
        break;
    }
    if (payload.ms)
      await sleep(payload.ms, undefined, { signal: context.signal });
    const children = payload.readChildren
      ? await context.children()
      : undefined;
    await ledger.append({
      ...record,
      event: 'done',
      ...(children && {
        childrenSucceeded: children.filter(c => c.status === 'succeeded')
          .length,
      }),
    });
    return completed({ pid: process.pid });
  };
}
