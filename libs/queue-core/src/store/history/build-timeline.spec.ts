import type { Job } from 'bullmq';
import type { JobEvent } from '@errand/contracts';
import { buildTimeline } from './build-timeline';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

/** The fields buildTimeline reads, as BullMQ stores them. */
function jobWith(fields: Partial<Job>): Job {
  return { timestamp: at(0).getTime(), attemptsMade: 0, ...fields } as Job;
}

const failed = (attempt: number, second: number): JobEvent => ({
  at: at(second).toISOString(),
  event: 'failed',
  attempt,
  durationMs: 1_000,
  worker: 'w:1',
  next: 'dead',
});

describe('buildTimeline', () => {
  it('shows a never-run job as created only', () => {
    expect(buildTimeline(jobWith({}), 'queued', [])).toEqual([
      { at: at(0).toISOString(), event: 'created' },
    ]);
  });

  it('derives the running attempt from the job, worker included', () => {
    const job = jobWith({ processedOn: at(5).getTime(), processedBy: 'w:2' });

    expect(buildTimeline(job, 'running', []).at(-1)).toEqual({
      at: at(5).toISOString(),
      event: 'started',
      attempt: 1,
      worker: 'w:2',
    });
  });

  it('shows each recorded failure after the start it carries', () => {
    const job = jobWith({
      attemptsMade: 1,
      processedOn: at(4).getTime(),
      finishedOn: at(5).getTime(),
      failedReason: 'boom',
    });

    expect(
      buildTimeline(job, 'dead', [failed(1, 5)]).map(e => e.event),
    ).toEqual(['created', 'started', 'failed', 'dead']);
  });

  describe('after a replay', () => {
    it('shows the new first attempt even though an old one had its number', () => {
      const job = jobWith({
        attemptsMade: 1,
        processedOn: at(20).getTime(),
        finishedOn: at(21).getTime(),
      });
      const history: JobEvent[] = [
        failed(1, 5),
        { at: at(10).toISOString(), event: 'replayed', by: 'ops' },
      ];

      expect(
        buildTimeline(job, 'succeeded', history).map(e => [e.event, e.attempt]),
      ).toEqual([
        ['created', undefined],
        ['started', 1],
        ['failed', 1],
        ['replayed', undefined],
        ['started', 1],
        ['succeeded', undefined],
      ]);
    });
  });
});
