import type { LedgerRecord, RequestRecord } from './chaos-types';
import { answersDuringOutages, slowestResumeMs } from './outage-figures';

const outage = { kind: 'redis-kill' as const, at: 10_000, endedAt: 12_000 };
const request = (sentAt: number, status?: number): RequestRecord => ({
  ref: `r${sentAt}`,
  sentAt,
  endedAt: sentAt + 5,
  outcome: status === 202 ? 'acknowledged' : status ? 'failed' : 'unknown',
  ...(status && { status }),
});
const start = (pid: number, at: number): LedgerRecord => ({
  id: `j${pid}-${at}`,
  event: 'start',
  attempt: 1,
  pid,
  at,
});

describe('answersDuringOutages', () => {
  it('counts only requests sent after the grace and ended before Redis was back', () => {
    const figures = answersDuringOutages(
      [
        request(9_000, 202),
        request(10_100, 202), // within the grace: may still have been stored
        request(10_600, 503),
        request(11_500, 202),
        request(12_500, 202),
      ],
      [outage],
    );

    expect(figures).toEqual({
      requestsDuringOutage: 2,
      answered503: 1,
      answeredOtherwise: 1,
      hung: 0,
    });
  });

  it('counts a request unanswered until Redis was back as hung', () => {
    const hanging: RequestRecord = {
      ...request(10_600, 202),
      endedAt: 12_050, // answered only once Redis was back
    };
    const lateButQuick: RequestRecord = {
      ...request(11_900, 202),
      endedAt: 12_100, // sent 100 ms before Redis was back: no hang
    };

    expect(answersDuringOutages([hanging, lateButQuick], [outage])).toEqual({
      requestsDuringOutage: 1,
      answered503: 0,
      answeredOtherwise: 0,
      hung: 1,
    });
  });

  it('counts a request the client gave up on as hung, whenever it ended', () => {
    const timedOut = request(11_000); // no status: the client's timeout

    expect(answersDuringOutages([timedOut], [outage]).hung).toBe(1);
  });
});

describe('slowestResumeMs', () => {
  it('is the longest wait from Redis being back to a worker starting a job', () => {
    const ledger = [
      start(1, 9_000),
      start(2, 9_500),
      start(1, 12_300),
      start(2, 14_000),
    ];

    expect(slowestResumeMs(ledger, [outage])).toBe(2_000);
  });

  it('ignores processes started after the outage', () => {
    const ledger = [start(1, 9_000), start(1, 12_100), start(3, 20_000)];

    expect(slowestResumeMs(ledger, [outage])).toBe(100);
  });

  it('is Infinity when a worker never took a job again', () => {
    const ledger = [start(1, 9_000), start(2, 9_000), start(1, 12_100)];

    expect(slowestResumeMs(ledger, [outage])).toBe(Infinity);
  });
});
