import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LedgerRecord } from './chaos-types';
import type { ChaosStack } from './chaos-stack';

/**
 * Ids a process has started and not recorded `done` for: the jobs in its
 * hands right now (its ledger holds only its own records).
 */
export function openStarts(records: readonly LedgerRecord[]): string[] {
  const open = new Set<string>();
  for (const record of records) {
    if (record.event === 'start') open.add(record.id);
    else open.delete(record.id);
  }
  return [...open];
}

/** The records of one process's ledger, `[]` before its first job. */
function ledgerOf(ledgerDir: string, pid: number | undefined): LedgerRecord[] {
  let text: string;
  try {
    text = readFileSync(join(ledgerDir, `ledger-${pid}.jsonl`), 'utf8');
  } catch {
    return [];
  }
  // A line cut short by a concurrent write is skipped; it is read next time.
  return text.split('\n').flatMap(line => {
    try {
      return line ? [JSON.parse(line) as LedgerRecord] : [];
    } catch {
      return [];
    }
  });
}

/** The ids of the jobs in the hands of slot `index`'s current process. */
export function jobsInHand(stack: ChaosStack, index: number): string[] {
  const slot = stack.workers[index];
  return openStarts(ledgerOf(stack.ledgerDir, slot?.process.child.pid));
}

/** Slots whose current process has a job running and none of `spared`. */
function busyWorkers(stack: ChaosStack, spared: ReadonlySet<string>): number[] {
  return stack.workers.flatMap((_, index) => {
    const inHand = jobsInHand(stack, index);
    return inHand.length > 0 && !inHand.some(id => spared.has(id))
      ? [index]
      : [];
  });
}

/** How {@link awaitBusyWorker} looks. */
export interface AwaitBusyOptions {
  /** Polls the ledgers this often. @defaultValue 10 ms */
  everyMs?: number;
  /**
   * Jobs whose worker must not be chosen: a scenario that spares the jobs
   * it already cut short keeps a kill loop from hunting one job (its
   * re-run is often the first start after a quiet spell) into quarantine.
   * @defaultValue none
   */
  spared?: ReadonlySet<string>;
}

/**
 * Resolves with a slot that has a job running, or `undefined` once
 * `stop()` says to give up (the load ended). Polls the ledgers: a kill
 * timed by the clock alone may hit a worker between jobs, or one still
 * starting, and then proves nothing.
 */
export async function awaitBusyWorker(
  stack: ChaosStack,
  stop: () => boolean,
  { everyMs = 10, spared = new Set() }: AwaitBusyOptions = {},
): Promise<number | undefined> {
  while (!stop()) {
    const busy = busyWorkers(stack, spared);
    if (busy.length > 0) return busy[Math.floor(Math.random() * busy.length)];
    await sleep(everyMs);
  }
  return undefined;
}
