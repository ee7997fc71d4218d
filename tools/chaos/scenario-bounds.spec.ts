import type { Interruption, LedgerRecord, RequestRecord } from './chaos-types';
import { checkRun, type CheckInput } from './checker';
import type { FlowReport } from './flow-checker';
import { answersDuringOutages } from './outage-figures';
import type { Bound } from './scenario';
import {
  finishedAfterTerm,
  flowBounds,
  interruptedBounds,
  outageAnswerBounds,
  promiseBounds,
} from './scenario-bounds';

const ack = (ref: string): RequestRecord => ({
  ref,
  id: `job-${ref}`,
  sentAt: 0,
  endedAt: 1,
  outcome: 'acknowledged',
  status: 202,
});
const rec = (
  ref: string,
  event: LedgerRecord['event'],
  at: number,
  pid = 100,
): LedgerRecord => ({ id: `job-${ref}`, ref, event, attempt: 1, pid, at });
const report = (input: Partial<CheckInput>) =>
  checkRun({
    requests: [],
    ledger: [],
    interruptions: [],
    finalStatus: {},
    ...input,
  });
/** The figures of the bounds that failed. */
const failed = (bounds: Bound[]) =>
  bounds.filter(b => !b.pass).map(b => b.figure);

/** A clean run: two jobs acknowledged, each done once. */
const clean = {
  requests: [ack('a'), ack('b')],
  ledger: [
    rec('a', 'start', 1),
    rec('a', 'done', 2),
    rec('b', 'start', 3),
    rec('b', 'done', 4),
  ],
};

describe('promiseBounds', () => {
  it('passes a run where every acknowledged job was done', () => {
    expect(failed(promiseBounds(report(clean)))).toEqual([]);
  });

  it('fails a run where an acknowledged job ended dead', () => {
    const run = report({
      ...clean,
      requests: [...clean.requests, ack('c')],
      finalStatus: { 'job-c': 'dead' },
    });

    expect(failed(promiseBounds(run))).toEqual(['dead']);
    // Unless the scenario expects that many (poison jobs' collateral).
    expect(failed(promiseBounds(run, 1))).toEqual([]);
  });

  it('fails a run that lost an acknowledged job', () => {
    const run = report({
      ...clean,
      requests: [...clean.requests, ack('c')],
      finalStatus: { 'job-c': 'missing' },
    });

    expect(failed(promiseBounds(run))).toEqual(['lost']);
  });

  it('fails a run that did a job nobody asked for', () => {
    const run = report({
      ...clean,
      ledger: [...clean.ledger, rec('x', 'start', 5), rec('x', 'done', 6)],
    });

    expect(failed(promiseBounds(run))).toEqual(['unexpected']);
  });
});

describe('interruptedBounds', () => {
  it('fails a worker-kill run where no kill hit a running job', () => {
    const kill: Interruption = { kind: 'worker-kill', at: 10, pid: 100 };

    expect(
      failed(interruptedBounds(report({ ...clean, interruptions: [kill] }))),
    ).toEqual(['interrupted']);
  });

  it('passes one where a kill cut a job short', () => {
    const run = report({
      requests: [ack('a')],
      ledger: [
        rec('a', 'start', 1, 100),
        rec('a', 'start', 20, 200),
        rec('a', 'done', 30, 200),
      ],
      interruptions: [{ kind: 'worker-kill', at: 10, pid: 100 }],
    });

    expect(failed(interruptedBounds(run))).toEqual([]);
  });
});

describe('flowBounds', () => {
  const sound: FlowReport = {
    flows: 3,
    acknowledgedFlows: 2,
    parentsSucceeded: 2,
    parentsEarly: [],
    parentExtraRuns: [],
    parentReRuns: 1,
    missingChildren: [],
    stuckWaiting: [],
    releaseMs: [3, 8],
  };

  it('passes a run where every acknowledged parent ran once, in time', () => {
    expect(failed(flowBounds(sound))).toEqual([]);
  });

  it('fails each broken flow property by name', () => {
    const broken: FlowReport = {
      ...sound,
      parentsSucceeded: 1,
      parentsEarly: ['f/parent'],
      parentExtraRuns: ['g/parent'],
      missingChildren: ['i/parent'],
      stuckWaiting: ['h/parent'],
    };

    expect(failed(flowBounds(broken))).toEqual([
      'parentsSucceeded',
      'parentsEarly',
      'parentExtraRuns',
      'missingChildren',
      'stuckWaiting',
    ]);
  });
});

describe('outageAnswerBounds', () => {
  const outage: Interruption = {
    kind: 'redis-kill',
    at: 10_000,
    endedAt: 12_000,
  };
  const sent = (
    sentAt: number,
    endedAt: number,
    status?: number,
  ): RequestRecord => ({
    ref: `r${sentAt}`,
    sentAt,
    endedAt,
    outcome: status === 202 ? 'acknowledged' : status ? 'failed' : 'unknown',
    ...(status && { status }),
  });
  const bounds = (requests: RequestRecord[]) =>
    failed(outageAnswerBounds(answersDuringOutages(requests, [outage])));

  it('passes a run answered 503 throughout the outage', () => {
    expect(
      bounds([sent(10_600, 10_610, 503), sent(11_000, 11_010, 503)]),
    ).toEqual([]);
  });

  it('fails a run that sent nothing during the outage (no 503 seen)', () => {
    expect(
      bounds([sent(9_000, 9_010, 202), sent(12_500, 12_510, 202)]),
    ).toEqual(['answered503']);
  });

  it('fails a run where a request hung through the outage', () => {
    expect(
      bounds([sent(10_600, 10_610, 503), sent(10_700, 12_100, 202)]),
    ).toEqual(['hung']);
  });

  it('fails a run that acknowledged a job while Redis was down', () => {
    expect(
      bounds([sent(10_600, 10_610, 503), sent(11_000, 11_010, 202)]),
    ).toEqual(['answeredOtherwise']);
  });
});

describe('finishedAfterTerm', () => {
  const term: Interruption = { kind: 'worker-term', at: 10, pid: 100 };

  it('counts the jobs a stopped worker finished after its SIGTERM', () => {
    const ledger = [
      rec('a', 'start', 5),
      rec('a', 'done', 15),
      rec('b', 'start', 1),
      rec('b', 'done', 3),
    ];

    expect(finishedAfterTerm(ledger, [term])).toBe(1);
  });

  it('is 0 when the stop found no job in hand, or another process finished it', () => {
    const ledger = [
      rec('b', 'start', 1),
      rec('b', 'done', 3),
      rec('c', 'start', 5),
      rec('c', 'done', 40, 200),
    ];

    expect(finishedAfterTerm(ledger, [term])).toBe(0);
  });
});
