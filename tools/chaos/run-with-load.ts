import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Interruption, LedgerRecord, RequestRecord } from './chaos-types';
import {
  startChaosStack,
  type ChaosStack,
  type ChaosStackOptions,
} from './chaos-stack';
import { checkRun, type CheckReport } from './checker';
import { readLedger } from './ledger-reader';
import { startLoad, type Load, type LoadOptions } from './load-generator';

/** Everything one run recorded, and the checker's verdict on it. */
export interface RunRecord<Extra> {
  report: CheckReport;
  requests: RequestRecord[];
  ledger: LedgerRecord[];
  interruptions: Interruption[];
  /** Whatever the fault script measured. */
  extra: Extra;
  /** The checker's `finalStatus`: each acknowledged job never done. */
  finalStatus: Record<string, string>;
  /** How long the queue took to drain after the load ended. */
  drainMs: number;
}

/** One run: a stack, a load, and a fault script played against them. */
export interface RunOptions<Extra> {
  /** A fresh folder is made in it for Redis and the ledgers. */
  baseDir: string;
  stack: Omit<ChaosStackOptions, 'dir'>;
  /**
   * `POST /enqueue` paced by load-generator.ts, or another load started
   * against the API (flow-load.ts posts flows): its records are one per
   * acknowledged-or-not job.
   */
  load: Omit<LoadOptions, 'apiUrl'> | ((apiUrl: string) => Load);
  /** Injects faults while the load runs; resolves with what it measured. */
  faults(stack: ChaosStack, load: Load): Promise<Extra>;
  /** Gives up waiting for the queue to drain after this. @defaultValue 120 s */
  drainTimeoutMs?: number;
}

/**
 * Starts the stack, runs the load and the fault script together, waits for
 * the queue to drain, asks the API for the final status of every
 * acknowledged job that has no `done` record, and checks the run.
 */
export async function runWithLoad<Extra>(
  options: RunOptions<Extra>,
): Promise<RunRecord<Extra>> {
  const dir = mkdtempSync(join(options.baseDir, 'run-'));
  const stack = await startChaosStack({ ...options.stack, dir });
  try {
    const load =
      typeof options.load === 'function'
        ? options.load(stack.apiUrl)
        : startLoad({ ...options.load, apiUrl: stack.apiUrl });
    const [extra, requests] = await Promise.all([
      options.faults(stack, load),
      load.finished,
    ]);
    const drainStarted = Date.now();
    await drain(stack.apiUrl, options.drainTimeoutMs ?? 120_000);
    const drainMs = Date.now() - drainStarted;
    const ledger = readLedger(stack.ledgerDir);
    const finalStatus = await finalStatuses(stack.apiUrl, requests, ledger);
    const report = checkRun({
      requests,
      ledger,
      interruptions: stack.interruptions,
      finalStatus,
    });
    return {
      report,
      requests,
      ledger,
      interruptions: stack.interruptions,
      extra,
      drainMs,
      finalStatus,
    };
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface StatsBody {
  types?: Array<{ type: string; counts: Record<string, number> }>;
}

/**
 * Resolves once `system.ledger` has nothing queued, delayed or running
 * (three answers in a row, a second apart, so a job between two states
 * is not missed), or after `timeoutMs`.
 */
async function drain(apiUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3 && Date.now() < deadline) {
    const counts = await fetch(`${apiUrl}/stats`)
      .then(res => res.json() as Promise<StatsBody>)
      .then(body => body.types?.find(t => t.type === 'system.ledger')?.counts)
      .catch(() => undefined);
    const pending = counts
      ? (counts.queued ?? 0) + (counts.delayed ?? 0) + (counts.running ?? 0)
      : Infinity;
    quiet = pending === 0 ? quiet + 1 : 0;
    await sleep(1_000);
  }
}

/** `GET /jobs/:id` status of each acknowledged job that never got `done`. */
async function finalStatuses(
  apiUrl: string,
  requests: readonly RequestRecord[],
  ledger: readonly LedgerRecord[],
): Promise<Record<string, string>> {
  const done = new Set(ledger.filter(r => r.event === 'done').map(r => r.ref));
  const statuses: Record<string, string> = {};
  for (const request of requests) {
    if (request.outcome !== 'acknowledged' || !request.id) continue;
    if (done.has(request.ref)) continue;
    const res = await fetch(`${apiUrl}/jobs/${request.id}`);
    const body = (await res.json().catch(() => ({}))) as { status?: string };
    statuses[request.id] =
      res.status === 404 ? 'missing' : (body.status ?? `http ${res.status}`);
  }
  return statuses;
}
