import type { Interruption, LedgerRecord, RequestRecord } from './chaos-types';

/** What the checker needs: everything recorded during one run. */
export interface CheckInput {
  requests: readonly RequestRecord[];
  ledger: readonly LedgerRecord[];
  interruptions: readonly Interruption[];
  /**
   * The final status (`GET /jobs/:id`) of each acknowledged job that has
   * no `done` record; `missing` when the API no longer knows the id.
   */
  finalStatus: Readonly<Record<string, string>>;
}

/** A job whose run was cut short, and how long it took to finish anyway. */
interface Recovery {
  ref: string;
  id: string;
  /** The fault that cut it short (or its own start, when none is known). */
  interruptedAt: number;
  /** Its first `done` after that, epoch ms; absent if it never finished. */
  doneAt?: number;
  recoveryMs?: number;
}

/** The checker's verdict on one run, à la Jepsen's total-queue checker. */
export interface CheckReport {
  invoked: number;
  acknowledged: number;
  failed: number;
  unknown: number;
  /** Requests whose job ran to `done` at least once. */
  completed: number;
  /**
   * Requests answered with an error whose job ran all the same: the API
   * gave up waiting on Redis (a 503) after its write had gone out. A
   * client that retries such a request without an `Idempotency-Key`
   * enqueues the job twice.
   */
  failedButCompleted: string[];
  /** Failed requests by HTTP status (`none` for a refused connection). */
  failedStatuses: Record<string, number>;
  /** Acknowledged, never done and not dead: the promise broken. */
  lost: string[];
  /** Done, but never requested. */
  unexpected: string[];
  /** Extra `done` records: a job recorded done n times adds n − 1. */
  duplicateCompletions: number;
  /** Extra `start` records: a job started n times adds n − 1. */
  reExecutions: number;
  /** Acknowledged jobs that ended dead (their final status). */
  dead: string[];
  /** One per start with no `done` from the same process after it. */
  recoveries: Recovery[];
  /** The longest recovery, in ms (0 when nothing was interrupted). */
  maxRecoveryMs: number;
}

/** Groups records by `key`, keeping their order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** How many items have each key. */
function countBy<T>(items: readonly T[], key: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Records match requests by `ref`; a record without one counts by job id. */
const refOf = (record: LedgerRecord) => record.ref ?? `id:${record.id}`;

/**
 * Compares what the load generator was told with what the workers did.
 * Pure: the same input always gives the same report.
 */
export function checkRun(input: CheckInput): CheckReport {
  const byOutcome = (o: RequestRecord['outcome']) =>
    input.requests.filter(r => r.outcome === o);
  const acknowledged = byOutcome('acknowledged');
  const requested = new Set(input.requests.map(r => r.ref));
  const ledger = [...input.ledger].sort((a, b) => a.at - b.at);
  const records = groupBy(ledger, refOf);
  const dones = (ref: string) =>
    (records.get(ref) ?? []).filter(r => r.event === 'done');

  const lost: string[] = [];
  const dead: string[] = [];
  for (const request of acknowledged) {
    if (dones(request.ref).length > 0) continue;
    const status = input.finalStatus[request.id ?? ''];
    (status === 'dead' ? dead : lost).push(request.ref);
  }

  let duplicateCompletions = 0;
  let reExecutions = 0;
  const unexpected: string[] = [];
  const recoveries: Recovery[] = [];
  for (const [ref, group] of records) {
    const done = group.filter(r => r.event === 'done');
    const starts = group.filter(r => r.event === 'start');
    duplicateCompletions += Math.max(0, done.length - 1);
    reExecutions += Math.max(0, starts.length - 1);
    if (done.length > 0 && !requested.has(ref)) unexpected.push(ref);
    for (const start of starts) {
      const finishedHere = done.some(
        d => d.pid === start.pid && d.at >= start.at,
      );
      if (finishedHere) continue;
      recoveries.push(
        recoveryOf(start, ref, done, starts, input.interruptions),
      );
    }
  }
  const recovered = recoveries.flatMap(r => r.recoveryMs ?? []);
  return {
    invoked: input.requests.length,
    acknowledged: acknowledged.length,
    failed: byOutcome('failed').length,
    unknown: byOutcome('unknown').length,
    completed: [...requested].filter(ref => dones(ref).length > 0).length,
    failedButCompleted: byOutcome('failed')
      .filter(r => dones(r.ref).length > 0)
      .map(r => r.ref),
    failedStatuses: countBy(byOutcome('failed'), r =>
      String(r.status ?? 'none'),
    ),
    lost,
    unexpected,
    duplicateCompletions,
    reExecutions,
    dead,
    recoveries,
    maxRecoveryMs: Math.max(0, ...recovered),
  };
}

/**
 * The fault that cut `start` short is the first one at or after it that
 * hit its process (or every process, as a Redis fault does); recovery runs
 * from that fault to the job's first `done` after it, or to the job's next
 * start when that run was cut short too: a job interrupted twice recovers
 * from each fault in turn, and the second one is measured on its own.
 */
function recoveryOf(
  start: LedgerRecord,
  ref: string,
  done: readonly LedgerRecord[],
  starts: readonly LedgerRecord[],
  interruptions: readonly Interruption[],
): Recovery {
  const fault = interruptions
    .filter(
      i => i.at >= start.at && (i.pid === undefined || i.pid === start.pid),
    )
    .sort((a, b) => a.at - b.at)[0];
  const interruptedAt = fault?.at ?? start.at;
  const finish = done.find(d => d.at >= interruptedAt);
  const rerun = starts.find(
    s =>
      s !== start &&
      s.at >= interruptedAt &&
      (!finish || s.at < finish.at) &&
      !done.some(d => d.pid === s.pid && d.at >= s.at),
  );
  const next = rerun ?? finish;
  return {
    ref,
    id: start.id,
    interruptedAt,
    ...(next && { doneAt: next.at, recoveryMs: next.at - interruptedAt }),
  };
}
