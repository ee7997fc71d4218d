import type { LedgerRecord, RequestRecord } from './chaos-types';
import { checkRun, type CheckInput } from './checker';

const ack = (ref: string, id = `job-${ref}`): RequestRecord => ({
  ref,
  id,
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
const run = (input: Partial<CheckInput>) =>
  checkRun({
    requests: [],
    ledger: [],
    interruptions: [],
    finalStatus: {},
    ...input,
  });

describe('checkRun', () => {
  describe('when every acknowledged job ran once', () => {
    it('reports nothing lost, duplicated or interrupted', () => {
      const report = run({
        requests: [ack('a'), ack('b')],
        ledger: [
          rec('a', 'start', 1),
          rec('a', 'done', 2),
          rec('b', 'start', 3),
          rec('b', 'done', 4),
        ],
      });

      expect(report).toMatchObject({
        invoked: 2,
        acknowledged: 2,
        completed: 2,
        lost: [],
        unexpected: [],
        duplicateCompletions: 0,
        reExecutions: 0,
        dead: [],
        recoveries: [],
        maxRecoveryMs: 0,
      });
    });
  });

  describe('when an acknowledged job has no done record', () => {
    it('counts it lost, unless its final status is dead', () => {
      const report = run({
        requests: [ack('a'), ack('b'), ack('c')],
        ledger: [rec('c', 'start', 1), rec('c', 'done', 2)],
        finalStatus: { 'job-a': 'missing', 'job-b': 'dead' },
      });

      expect(report.lost).toEqual(['a']);
      expect(report.dead).toEqual(['b']);
    });
  });

  describe('when requests failed or timed out', () => {
    it('counts them apart and never calls them lost', () => {
      const report = run({
        requests: [
          { ref: 'a', sentAt: 0, endedAt: 1, outcome: 'failed', status: 503 },
          { ref: 'b', sentAt: 0, endedAt: 1, outcome: 'unknown' },
        ],
        // The timed-out request had stored its job after all: expected.
        ledger: [rec('b', 'start', 1), rec('b', 'done', 2)],
      });

      expect(report).toMatchObject({
        failed: 1,
        unknown: 1,
        completed: 1,
        failedStatuses: { 503: 1 },
        failedButCompleted: [],
      });
      expect(report.lost).toEqual([]);
      expect(report.unexpected).toEqual([]);
    });
  });

  describe('when a request answered 503 stored its job after all', () => {
    it('reports it as failed but completed', () => {
      const report = run({
        requests: [
          { ref: 'a', sentAt: 0, endedAt: 1, outcome: 'failed', status: 503 },
        ],
        ledger: [rec('a', 'start', 1), rec('a', 'done', 2)],
      });

      expect(report.failedButCompleted).toEqual(['a']);
      expect(report.unexpected).toEqual([]);
    });
  });

  describe('when a job ran that nobody asked for', () => {
    it('reports it unexpected', () => {
      const report = run({
        requests: [ack('a')],
        ledger: [
          rec('a', 'done', 1),
          rec('zz', 'start', 1),
          rec('zz', 'done', 2),
        ],
      });

      expect(report.unexpected).toEqual(['zz']);
    });
  });

  describe('when a handler completes a job twice', () => {
    it('reports the duplicate completion', () => {
      const report = run({
        requests: [ack('a')],
        ledger: [
          rec('a', 'start', 1),
          rec('a', 'done', 2),
          rec('a', 'done', 3),
        ],
      });

      expect(report.duplicateCompletions).toBe(1);
      expect(report.reExecutions).toBe(0);
    });
  });

  describe('when a worker is killed while running a job', () => {
    const input: Partial<CheckInput> = {
      requests: [ack('a')],
      ledger: [
        rec('a', 'start', 1_000, 100),
        rec('a', 'start', 9_000, 200),
        rec('a', 'done', 9_500, 200),
      ],
      interruptions: [
        { kind: 'worker-kill', at: 500, pid: 100 },
        { kind: 'worker-kill', at: 1_200, pid: 300 },
        { kind: 'worker-kill', at: 1_500, pid: 100 },
      ],
    };

    it('counts the re-execution', () => {
      expect(run(input).reExecutions).toBe(1);
    });

    it('measures its recovery from the kill that hit its process', () => {
      const report = run(input);

      expect(report.recoveries).toEqual([
        {
          ref: 'a',
          id: 'job-a',
          interruptedAt: 1_500,
          doneAt: 9_500,
          recoveryMs: 8_000,
        },
      ]);
      expect(report.maxRecoveryMs).toBe(8_000);
    });
  });

  describe('when a job is interrupted twice in a row', () => {
    it('measures each recovery on its own: to the rerun, then to the end', () => {
      const report = run({
        requests: [ack('a')],
        ledger: [
          rec('a', 'start', 1_000, 100),
          rec('a', 'start', 9_000, 200),
          rec('a', 'start', 18_000, 300),
          rec('a', 'done', 18_100, 300),
        ],
        interruptions: [
          { kind: 'worker-kill', at: 1_500, pid: 100 },
          { kind: 'worker-kill', at: 9_200, pid: 200 },
        ],
      });

      expect(report.recoveries.map(r => r.recoveryMs)).toEqual([7_500, 8_900]);
      expect(report.maxRecoveryMs).toBe(8_900);
    });
  });

  describe('when an interrupted job never finishes', () => {
    it('lists the recovery without a time, and the job as lost', () => {
      const report = run({
        requests: [ack('a')],
        ledger: [rec('a', 'start', 1_000)],
        interruptions: [{ kind: 'redis-kill', at: 1_100 }],
      });

      expect(report.recoveries).toEqual([
        { ref: 'a', id: 'job-a', interruptedAt: 1_100 },
      ]);
      expect(report.lost).toEqual(['a']);
    });
  });
});
