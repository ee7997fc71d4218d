import { explainJobFacts, type JobFacts } from './explain-job';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');

function facts(overrides: Partial<JobFacts> = {}): JobFacts {
  return {
    id: 'job-1',
    type: 'email.send',
    status: 'queued',
    now: NOW,
    attempts: { made: 0, allowed: 4 },
    runAt: null,
    finishedAt: null,
    newerVersion: false,
    paused: false,
    rateLimitMs: 0,
    workers: 1,
    running: 0,
    position: 1,
    lockHeld: false,
    ...overrides,
  };
}

const reasonOf = (overrides: Partial<JobFacts>) =>
  explainJobFacts(facts(overrides)).reason;

describe('explainJobFacts', () => {
  describe('when a parent waits for its children', () => {
    it('says how many have not ended and where they stand', () => {
      const why = explainJobFacts(
        facts({
          status: 'waiting',
          workers: 0,
          children: {
            total: 10,
            counts: { succeeded: 6, dead: 1, running: 2, queued: 1 },
          },
        }),
      );
      expect(why.reason).toBe('job.waitingForChildren');
      expect(why.sentence).toBe(
        'It is waiting for 3 of 10 children (2 running, 1 queued).',
      );
    });
  });

  describe('when the job is finished', () => {
    it.each([
      ['succeeded', 'job.succeeded'],
      ['dead', 'job.dead'],
      ['cancelled', 'job.cancelled'],
    ] as const)('says a %s job is %s, whatever the queue', (status, reason) => {
      expect(reasonOf({ status, paused: true, workers: 0 })).toBe(reason);
    });

    it('says how many attempts a dead job used', () => {
      const { sentence } = explainJobFacts(
        facts({ status: 'dead', attempts: { made: 4, allowed: 4 } }),
      );
      expect(sentence).toMatch(/dead.*after 4 of 4 attempts/);
    });
  });

  describe('when the job is running', () => {
    it('says running while its worker holds the lock', () => {
      expect(reasonOf({ status: 'running', lockHeld: true })).toBe(
        'job.running',
      );
    });

    it('says stalled and being recovered when the lock is gone', () => {
      const why = explainJobFacts(facts({ status: 'running', workers: 2 }));
      expect(why.reason).toBe('job.stalled');
      expect(why.sentence).toMatch(/being recovered/);
    });

    it('says stalled until a worker starts when none is live', () => {
      const why = explainJobFacts(facts({ status: 'running', workers: 0 }));
      expect(why.reason).toBe('job.stalled');
      expect(why.sentence).toMatch(/once a worker/);
    });
  });

  describe('when the job waits for a time', () => {
    const later = NOW + 60_000;

    it('gives the time a scheduled job runs at', () => {
      const why = explainJobFacts(facts({ status: 'scheduled', runAt: later }));
      expect(why).toMatchObject({
        reason: 'job.scheduled',
        until: new Date(later).toISOString(),
      });
    });

    it('gives the retry time and the attempt n of m', () => {
      const why = explainJobFacts(
        facts({
          status: 'retrying',
          runAt: later,
          attempts: { made: 2, allowed: 4 },
        }),
      );
      expect(why.reason).toBe('job.retrying');
      expect(why.sentence).toContain('(attempt 3 of 4)');
      expect(why.sentence).toContain(new Date(later).toISOString());
    });

    it('says no worker serves its version when it was snoozed for that', () => {
      const why = explainJobFacts(
        facts({
          status: 'scheduled',
          runAt: later,
          snoozeReason: "email.send v3 is newer than this worker's v2",
        }),
      );
      expect(why.reason).toBe('worker.versionBehind');
      expect(why.sentence).toContain('v3 is newer');
    });

    it('says its handler snoozed it, with the reason', () => {
      const why = explainJobFacts(
        facts({
          status: 'scheduled',
          runAt: later,
          snoozeReason: 'the rate limit of the provider',
        }),
      );
      expect(why.reason).toBe('job.snoozed');
      expect(why.sentence).toContain('the rate limit of the provider');
    });

    it('treats an overdue delayed job as waiting in its queue', () => {
      expect(
        reasonOf({ status: 'scheduled', runAt: NOW - 1, workers: 0 }),
      ).toBe('worker.none');
    });
  });

  describe('when the job is queued', () => {
    it('puts a paused queue first', () => {
      expect(reasonOf({ paused: true, rateLimitMs: 5, workers: 0 })).toBe(
        'queue.paused',
      );
    });

    it('then a rate limit, with when it lifts', () => {
      const why = explainJobFacts(facts({ rateLimitMs: 2_000, workers: 0 }));
      expect(why.reason).toBe('queue.rateLimited');
      expect(why.until).toBe(new Date(NOW + 2_000).toISOString());
    });

    it('then no live worker for the type', () => {
      expect(reasonOf({ workers: 0 })).toBe('worker.none');
    });

    it('then busy workers, with its place in line', () => {
      const why = explainJobFacts(
        facts({ workers: 2, running: 2, position: 3 }),
      );
      expect(why.reason).toBe('workers.busy');
      expect(why.sentence).toMatch(/All 2 workers .* busy.*3rd in line/);
      expect(why.position).toBe(3);
    });

    it('says it is next when idle workers serve the type', () => {
      expect(reasonOf({ workers: 1, running: 0, position: 1 })).toBe(
        'job.next',
      );
    });

    it.each([
      [1, '1st'],
      [2, '2nd'],
      [11, '11th'],
      [22, '22nd'],
      [113, '113th'],
    ])('writes position %i as %s', (position, text) => {
      const why = explainJobFacts(facts({ running: 1, position }));
      expect(why.sentence).toContain(`${text} in line`);
    });
  });
});
