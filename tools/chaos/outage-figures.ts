import type { Interruption, LedgerRecord, RequestRecord } from './chaos-types';

/** How long a request sent during an outage may wait for its answer. */
export const HUNG_AFTER_MS = 1_000;

/**
 * How the API answered requests sent while Redis was down: from `graceMs`
 * after the fault (requests already inside Redis may still succeed) to the
 * moment Redis was back. Only 503 is right: a 2xx would claim a job
 * nobody stored. A request still unanswered when Redis came back, after
 * waiting more than `hangMs` (the API's 800 ms deadline and some room),
 * hung through the outage; one sent just before Redis returned and
 * answered soon after did not, and counts nowhere. A request the load
 * generator gave up on (`unknown`) hung too, whenever it ended.
 */
export function answersDuringOutages(
  requests: readonly RequestRecord[],
  outages: readonly Interruption[],
  { graceMs = 500, hangMs = HUNG_AFTER_MS } = {},
) {
  let answered503 = 0;
  let answeredOtherwise = 0;
  let hung = 0;
  for (const r of requests) {
    const outage = outages.find(
      o =>
        o.endedAt !== undefined &&
        r.sentAt >= o.at + graceMs &&
        r.sentAt <= o.endedAt,
    );
    if (!outage?.endedAt) continue;
    const waitedThrough =
      r.endedAt > outage.endedAt && outage.endedAt - r.sentAt > hangMs;
    if (r.outcome === 'unknown' || waitedThrough) hung++;
    else if (r.endedAt > outage.endedAt) continue;
    else if (r.status === 503) answered503++;
    else answeredOtherwise++;
  }
  return {
    requestsDuringOutage: answered503 + answeredOtherwise + hung,
    answered503,
    answeredOtherwise,
    hung,
  };
}

/**
 * The longest time, over outages and worker processes, from Redis being
 * back to that worker starting its next job. Only workers that started a
 * job after the outage count (a slot restarted since has a new pid).
 */
export function slowestResumeMs(
  ledger: readonly LedgerRecord[],
  outages: readonly Interruption[],
): number {
  let slowest = 0;
  for (const outage of outages) {
    const back = outage.endedAt;
    if (back === undefined) continue;
    const firstStart = new Map<number, number>();
    for (const record of ledger) {
      if (record.event !== 'start' || record.at < back) continue;
      const seen = firstStart.get(record.pid);
      if (seen === undefined || record.at < seen) {
        firstStart.set(record.pid, record.at);
      }
    }
    const workedBefore = new Set(
      ledger.filter(r => r.at < outage.at).map(r => r.pid),
    );
    for (const [pid, at] of firstStart) {
      if (workedBefore.has(pid)) slowest = Math.max(slowest, at - back);
    }
    // A worker that ran jobs before and never again is the worst case.
    for (const pid of workedBefore) {
      if (!firstStart.has(pid)) slowest = Infinity;
    }
  }
  return slowest;
}
