import type { Interruption, LedgerRecord } from './chaos-types';
import { checkFlows, flowFigures, type FlowCheckInput } from './flow-checker';
import type { FlowRecord } from './flow-load';

/** An acknowledged flow `f` with a parent and two children, `a` and `b`. */
const flow = (
  f: string,
  outcome: FlowRecord['outcome'] = 'acknowledged',
): FlowRecord => ({
  ref: f,
  sentAt: 0,
  endedAt: 1,
  outcome,
  parent: { ref: `${f}/parent`, id: `job-${f}/parent` },
  children: ['a', 'b'].map(c => ({ ref: `${f}/${c}`, id: `job-${f}/${c}` })),
});
const rec = (
  ref: string,
  event: LedgerRecord['event'],
  at: number,
  pid = 100,
): LedgerRecord => ({ id: `job-${ref}`, ref, event, attempt: 1, pid, at });
/** A node run from `at` to `at + 10` in process `pid`. */
const ran = (ref: string, at: number, pid = 100) => [
  rec(ref, 'start', at, pid),
  rec(ref, 'done', at + 10, pid),
];
const kill = (pid: number, at: number): Interruption => ({
  kind: 'worker-kill',
  at,
  pid,
});
const check = (input: Partial<FlowCheckInput>) =>
  checkFlows({
    flows: [flow('f')],
    ledger: [],
    interruptions: [],
    finalStatus: {},
    ...input,
  });
/** Children `a` and `b` of flow `f` done by 30 and 40. */
const children = [...ran('f/a', 20), ...ran('f/b', 30)];

describe('checkFlows', () => {
  describe('when each parent runs once after its children', () => {
    it('reports nothing broken, and how long each parent waited', () => {
      const report = check({ ledger: [...children, ...ran('f/parent', 45)] });

      expect(report).toEqual({
        flows: 1,
        acknowledgedFlows: 1,
        parentsSucceeded: 1,
        parentsEarly: [],
        parentExtraRuns: [],
        parentReRuns: 0,
        missingChildren: [],
        stuckWaiting: [],
        releaseMs: [5],
      });
    });
  });

  describe('when a parent starts before a child recorded done', () => {
    it('reports it early', () => {
      const report = check({ ledger: [...children, ...ran('f/parent', 35)] });

      expect(report.parentsEarly).toEqual(['f/parent']);
      expect(report.releaseMs).toEqual([-5]);
    });

    it('measures from the last done of a child run again after its done', () => {
      // Child b recorded done at 40, its worker died before acknowledging,
      // and it ran again until 70: the parent must wait for that.
      const report = check({
        ledger: [...children, ...ran('f/b', 60, 200), ...ran('f/parent', 50)],
      });

      expect(report.parentsEarly).toEqual(['f/parent']);
    });
  });

  describe('when a parent runs twice', () => {
    it('counts a re-run after a kill of its first process as a re-execution', () => {
      const report = check({
        ledger: [
          ...children,
          rec('f/parent', 'start', 45),
          ...ran('f/parent', 60, 200),
        ],
        interruptions: [kill(100, 50)],
      });

      expect(report.parentExtraRuns).toEqual([]);
      expect(report.parentReRuns).toBe(1);
    });

    it('counts a re-run after a Redis kill as a re-execution', () => {
      const report = check({
        ledger: [...children, ...ran('f/parent', 45), ...ran('f/parent', 60)],
        interruptions: [{ kind: 'redis-kill', at: 50, endedAt: 52 }],
      });

      expect(report.parentExtraRuns).toEqual([]);
    });

    it('reports a re-run no fault explains', () => {
      const report = check({
        ledger: [...children, ...ran('f/parent', 45), ...ran('f/parent', 60)],
        // Another process was killed, and before the first run.
        interruptions: [kill(200, 50), kill(100, 41)],
      });

      expect(report.parentExtraRuns).toEqual(['f/parent']);
      expect(report.parentReRuns).toBe(0);
    });

    it('reports a run that recorded done twice', () => {
      const report = check({
        ledger: [
          ...children,
          ...ran('f/parent', 45),
          rec('f/parent', 'done', 56),
        ],
      });

      expect(report.parentExtraRuns).toEqual(['f/parent']);
    });
  });

  describe('when a parent reads its children', () => {
    const done = (ref: string, at: number, childrenSucceeded: number) => ({
      ...rec(ref, 'done', at),
      childrenSucceeded,
    });

    it('passes one that saw every child succeeded', () => {
      const report = check({
        ledger: [
          ...children,
          rec('f/parent', 'start', 45),
          done('f/parent', 55, 2),
        ],
      });

      expect(report.missingChildren).toEqual([]);
    });

    it('reports one that saw fewer succeeded than the flow has', () => {
      const report = check({
        ledger: [
          ...children,
          rec('f/parent', 'start', 45),
          done('f/parent', 55, 1),
        ],
      });

      expect(report.missingChildren).toEqual(['f/parent']);
    });
  });

  describe('when a parent is still waiting once the queue drained', () => {
    it('reports it stuck if every child ended, done or dead', () => {
      const report = check({
        ledger: ran('f/a', 20),
        finalStatus: { 'job-f/b': 'dead', 'job-f/parent': 'waiting' },
      });

      expect(report.stuckWaiting).toEqual(['f/parent']);
      expect(report.parentsSucceeded).toBe(0);
    });

    it('does not while a child has not ended', () => {
      const report = check({
        ledger: ran('f/a', 20),
        finalStatus: { 'job-f/b': 'queued', 'job-f/parent': 'waiting' },
      });

      expect(report.stuckWaiting).toEqual([]);
    });
  });

  describe('when a flow was not acknowledged', () => {
    it('does not expect its parent to run, but still checks one that did', () => {
      const report = check({
        flows: [flow('f', 'unknown'), flow('g', 'failed')],
        ledger: [...children, ...ran('f/parent', 35)],
      });

      expect(report).toMatchObject({
        acknowledgedFlows: 0,
        parentsSucceeded: 0,
        parentsEarly: ['f/parent'],
      });
    });
  });

  describe('flowFigures', () => {
    it('counts each list and takes the median and longest release', () => {
      const report = check({
        flows: [flow('f'), flow('g'), flow('h')],
        ledger: [
          ...children,
          ...ran('f/parent', 41),
          ...ran('g/a', 0),
          ...ran('g/b', 0),
          ...ran('g/parent', 30),
          ...ran('h/a', 0),
          ...ran('h/b', 0),
          ...ran('h/parent', 15),
        ],
      });

      expect(flowFigures(report)).toMatchObject({
        flows: 3,
        parentsSucceeded: 3,
        parentsEarly: 0,
        releaseP50Ms: 5,
        releaseMaxMs: 20,
      });
    });
  });
});
