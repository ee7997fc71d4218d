import type { Interruption, LedgerRecord, RequestRecord } from './chaos-types';

/**
 * How the API answered requests sent while Redis was down: from `grace`
 * after the fault (requests already inside Redis may still succeed) to the
 * moment Redis was back. Only 503 is right: a 2xx would claim a job
 * nobody stored, a timeout is a hang.
 */
export function answersDuringOutages(
  requests: readonly RequestRecord[],
  outages: readonly Interruption[],
  graceMs = 500,
) {
  const during = requests.filter(r =>
    outages.some(
      o =>
        o.endedAt !== undefined &&
        r.sentAt >= o.at + graceMs &&
        r.endedAt <= o.endedAt,
    ),
  );
  const unavailable = during.filter(r => r.status === 503).length;
  return {
    requestsDuringOutage: during.length,
    answered503: unavailable,
    answeredOtherwise: during.length - unavailable,
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
