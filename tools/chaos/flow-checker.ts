import type { Interruption, LedgerRecord } from './chaos-types';
import type { FlowRecord } from './flow-load';

/** What checkFlows needs: the flows posted and what the workers did. */
export interface FlowCheckInput {
  flows: readonly FlowRecord[];
  ledger: readonly LedgerRecord[];
  interruptions: readonly Interruption[];
  /** As CheckInput.finalStatus: by job id, for nodes that never got `done`. */
  finalStatus: Readonly<Record<string, string>>;
}

/** The flow properties of one run (node losses are checkRun's). */
export interface FlowReport {
  flows: number;
  acknowledgedFlows: number;
  /** Acknowledged flows whose parent recorded `done`. */
  parentsSucceeded: number;
  /** Parents with a run that started before one of their children's last `done`. */
  parentsEarly: string[];
  /**
   * Parents run more often than the faults explain: a run that followed
   * the one before it with no fault on that run's process in between, or
   * one run that recorded `done` twice.
   */
  parentExtraRuns: string[];
  /** Parent runs after the first that a fault explains (at-least-once). */
  parentReRuns: number;
  /**
   * Parents whose handler, reading its children's outcomes through
   * `context.children()`, saw fewer succeeded than the flow has children.
   */
  missingChildren: string[];
  /** Acknowledged parents still `waiting` though every child ended. */
  stuckWaiting: string[];
  /** Per parent that ran: its first start minus its children's last `done`. */
  releaseMs: number[];
}

/** One handler invocation: a start and the `done`s its process wrote for it. */
interface Run {
  start: LedgerRecord;
  dones: LedgerRecord[];
}

/**
 * A node's runs, oldest first. A `done` belongs to the latest start of the
 * same process before it: a process runs a job once at a time.
 */
function runsOf(records: readonly LedgerRecord[]): Run[] {
  const runs: Run[] = [];
  const open = new Map<number, Run>();
  for (const record of records) {
    if (record.event === 'start') {
      const run = { start: record, dones: [] };
      runs.push(run);
      open.set(record.pid, run);
    } else {
      open.get(record.pid)?.dones.push(record);
    }
  }
  return runs;
}

/** A fault on `run`'s process (or on Redis, which every process uses) in [from, to]. */
const faultHit = (
  interruptions: readonly Interruption[],
  run: Run,
  to: number,
) =>
  interruptions.some(
    i =>
      (i.pid === undefined || i.pid === run.start.pid) &&
      i.at >= run.start.at &&
      i.at <= to,
  );

/**
 * Checks each flow's parent against its children, from the ledgers:
 *
 * - a child ended at its last `done` (a child run again after a `done`,
 *   its acknowledgement lost to a kill, ended at the second one);
 * - a parent is early if any of its runs started before a child ended;
 * - a parent ran exactly once, under at-least-once delivery, when each of
 *   its runs after the first follows a fault (a SIGKILL of the process of
 *   the run before, or a Redis kill) between that run's start and its own,
 *   and no run recorded `done` twice: the re-executions the single-job
 *   scenarios count, and no others;
 * - a parent is stuck if, once the queue drained, it is still `waiting`
 *   though every child recorded `done` or ended dead;
 * - a parent misses children if a `done` of it records (`readChildren`)
 *   fewer succeeded children than its flow has.
 *
 * Pure: the same input always gives the same report.
 */
export function checkFlows(input: FlowCheckInput): FlowReport {
  const ledger = [...input.ledger].sort((a, b) => a.at - b.at);
  const byRef = new Map<string, LedgerRecord[]>();
  for (const record of ledger) {
    if (record.ref === undefined) continue;
    const group = byRef.get(record.ref);
    if (group) group.push(record);
    else byRef.set(record.ref, [record]);
  }
  const recordsOf = (ref: string) => byRef.get(ref) ?? [];
  const lastDone = (ref: string) =>
    recordsOf(ref).findLast(r => r.event === 'done')?.at;

  const report: FlowReport = {
    flows: input.flows.length,
    acknowledgedFlows: 0,
    parentsSucceeded: 0,
    parentsEarly: [],
    parentExtraRuns: [],
    parentReRuns: 0,
    missingChildren: [],
    stuckWaiting: [],
    releaseMs: [],
  };
  for (const flow of input.flows) {
    const acknowledged = flow.outcome === 'acknowledged';
    if (acknowledged) report.acknowledgedFlows++;
    const childDones = flow.children.map(c => lastDone(c.ref));
    const ended = flow.children.every(
      (c, i) =>
        childDones[i] !== undefined || input.finalStatus[c.id ?? ''] === 'dead',
    );
    const childrenEnded = Math.max(0, ...childDones.flatMap(at => at ?? []));
    const runs = runsOf(recordsOf(flow.parent.ref));
    if (acknowledged && runs.some(r => r.dones.length > 0)) {
      report.parentsSucceeded++;
    }
    if (runs.some(r => r.start.at < childrenEnded)) {
      report.parentsEarly.push(flow.parent.ref);
    }
    const first = runs[0];
    if (first && childrenEnded > 0) {
      report.releaseMs.push(first.start.at - childrenEnded);
    }
    let unexplained = runs.some(r => r.dones.length > 1);
    runs.slice(1).forEach((run, k) => {
      const before = runs[k] as Run;
      if (faultHit(input.interruptions, before, run.start.at)) {
        report.parentReRuns++;
      } else unexplained = true;
    });
    if (unexplained) report.parentExtraRuns.push(flow.parent.ref);
    const seen = runs.flatMap(r => r.dones.map(d => d.childrenSucceeded));
    if (seen.some(n => n !== undefined && n < flow.children.length)) {
      report.missingChildren.push(flow.parent.ref);
    }
    const status = input.finalStatus[flow.parent.id ?? ''];
    if (acknowledged && ended && status === 'waiting') {
      report.stuckWaiting.push(flow.parent.ref);
    }
  }
  report.releaseMs.sort((a, b) => a - b);
  return report;
}

/** The `p` quantile of sorted `values` (nearest rank); 0 if none. */
const quantile = (values: readonly number[], p: number) =>
  values[Math.max(0, Math.ceil(p * values.length) - 1)] ?? 0;

/** The report's counts as a scenario's figures. */
export function flowFigures(report: FlowReport): Record<string, number> {
  return {
    flows: report.flows,
    acknowledgedFlows: report.acknowledgedFlows,
    parentsSucceeded: report.parentsSucceeded,
    parentsEarly: report.parentsEarly.length,
    parentExtraRuns: report.parentExtraRuns.length,
    parentReRuns: report.parentReRuns,
    missingChildren: report.missingChildren.length,
    stuckWaiting: report.stuckWaiting.length,
    releaseP50Ms: quantile(report.releaseMs, 0.5),
    releaseMaxMs: quantile(report.releaseMs, 1),
  };
}

/** A few parent refs of each failure kind. */
export function flowSamples(report: FlowReport): Record<string, string[]> {
  return {
    parentsEarly: report.parentsEarly.slice(0, 10),
    parentExtraRuns: report.parentExtraRuns.slice(0, 10),
    missingChildren: report.missingChildren.slice(0, 10),
    stuckWaiting: report.stuckWaiting.slice(0, 10),
  };
}
