import type { Interruption, LedgerRecord } from './chaos-types';
import type { CheckReport } from './checker';
import type { FlowReport } from './flow-checker';
import type { answersDuringOutages } from './outage-figures';
import { atLeast, atMost, type Bound } from './scenario';

/**
 * The queue's promise, held in every scenario: nothing acknowledged is
 * lost, nothing runs that nobody asked for, and no acknowledged job ends
 * dead unless the scenario expects it (`deadAllowed`): the checker counts
 * a dead job as not lost, so without this bound a run that dead-lettered
 * every job would pass.
 */
export function promiseBounds(report: CheckReport, deadAllowed = 0): Bound[] {
  return [
    atMost('lost', report.lost.length, 0),
    atMost('unexpected', report.unexpected.length, 0),
    atMost('dead', report.dead.length, deadAllowed),
  ];
}

/** Worker kills: at least one kill cut a running job short. */
export function interruptedBounds(report: CheckReport): Bound[] {
  return [atLeast('interrupted', report.recoveries.length, 1)];
}

/**
 * Flows: every acknowledged parent ran to success, none before its
 * children ended, none more often than the faults explain, each saw all
 * its children succeeded, and none is left `waiting` once its children
 * ended (flow-checker.ts).
 */
export function flowBounds(flows: FlowReport): Bound[] {
  return [
    atLeast(
      'parentsSucceeded',
      flows.parentsSucceeded,
      flows.acknowledgedFlows,
    ),
    atMost('parentsEarly', flows.parentsEarly.length, 0),
    atMost('parentExtraRuns', flows.parentExtraRuns.length, 0),
    atMost('missingChildren', flows.missingChildren.length, 0),
    atMost('stuckWaiting', flows.stuckWaiting.length, 0),
  ];
}

/**
 * Redis down: the API was asked during the outage and answered 503, only
 * 503, and never left a request hanging through it.
 */
export function outageAnswerBounds(
  answers: ReturnType<typeof answersDuringOutages>,
): Bound[] {
  return [
    atLeast('answered503', answers.answered503, 1),
    atMost('answeredOtherwise', answers.answeredOtherwise, 0),
    atMost('hung', answers.hung, 0),
  ];
}

/**
 * Jobs a SIGTERMed worker had in hand and finished before it exited: a
 * start by that process before the signal and its `done` from the same
 * process after it. Zero means no stop found work to finish.
 */
export function finishedAfterTerm(
  ledger: readonly LedgerRecord[],
  interruptions: readonly Interruption[],
): number {
  let finished = 0;
  for (const term of interruptions) {
    if (term.kind !== 'worker-term') continue;
    const inHand = ledger.filter(
      r => r.event === 'start' && r.pid === term.pid && r.at < term.at,
    );
    finished += inHand.filter(start =>
      ledger.some(
        d =>
          d.event === 'done' &&
          d.id === start.id &&
          d.pid === term.pid &&
          d.at >= term.at,
      ),
    ).length;
  }
  return finished;
}
