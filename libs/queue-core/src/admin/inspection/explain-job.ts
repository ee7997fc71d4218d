import type { JobStatus } from '@errand/contracts';

/**
 * Why a job is not running now, decided from facts read beforehand
 * (explain-job-reader.ts), so that every branch is a plain function of its
 * input and unit-tested without Redis. The first matching rule wins:
 * 1. finished   — succeeded, dead or cancelled: it will not run again
 *                 unless an operator acts;
 * 2. running    — running, or stalled (its lock expired: the worker died)
 *                 and waiting for a live worker's stalled check;
 * 3. delayed    — snoozed for a newer contract version (no live worker
 *                 serves it), snoozed by its handler, waiting out a retry
 *                 backoff, or scheduled for later;
 * 4. queued     — its queue is paused, rate-limited, served by no live
 *                 worker, or every worker is busy (with its position).
 */

/** Stable, machine-readable reasons; scripts branch on these. */
export const jobReasons = [
  'job.succeeded',
  'job.dead',
  'job.cancelled',
  'job.running',
  'job.stalled',
  'job.scheduled',
  'job.retrying',
  'job.snoozed',
  'worker.versionBehind',
  'queue.paused',
  'queue.rateLimited',
  'worker.none',
  'workers.busy',
  'job.next',
] as const;

/** One of {@link jobReasons}. */
export type JobReason = (typeof jobReasons)[number];

/** What the decision reads; times are epoch ms. */
export interface JobFacts {
  id: string;
  type: string;
  status: JobStatus;
  now: number;
  attempts: { made: number; allowed: number };
  /** When a delayed job becomes due; `null` when it is not delayed. */
  runAt: number | null;
  finishedAt: number | null;
  /** A snooze's reason when the job's last event is a snooze. */
  snoozeReason?: string;
  /** The job's payload version is newer than the catalog's. */
  newerVersion: boolean;
  paused: boolean;
  /** Milliseconds until the queue's rate limit lifts; 0 when not limited. */
  rateLimitMs: number;
  /** Live worker processes that serve this job's type. */
  workers: number;
  /** Jobs of this type running now. */
  running: number;
  /** 1-based place in line among queued jobs; `null` when not queued. */
  position: number | null;
  /** A running job's lock exists (its worker still holds it). */
  lockHeld: boolean;
}

/** The answer of `inspector why` and its JSON. */
export interface JobExplanation {
  id: string;
  type: string;
  status: JobStatus;
  reason: JobReason;
  /** One sentence for people. */
  sentence: string;
  /** When the job may run (a schedule, a backoff, a rate limit's end). */
  until: string | null;
  /** Its place among the queued jobs of its type. */
  position: number | null;
  attempt: { made: number; allowed: number };
  workers: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

type Decision = Pick<JobExplanation, 'reason' | 'sentence'> & {
  until?: number;
};

function finished(f: JobFacts): Decision | undefined {
  const at = f.finishedAt === null ? '' : ` at ${iso(f.finishedAt)}`;
  switch (f.status) {
    case 'succeeded':
      return { reason: 'job.succeeded', sentence: `It succeeded${at}.` };
    case 'dead':
      return {
        reason: 'job.dead',
        sentence: `It is dead${at} after ${f.attempts.made} of ${f.attempts.allowed} attempts; retry or replay it to run it again.`,
      };
    case 'cancelled':
      return { reason: 'job.cancelled', sentence: `It was cancelled${at}.` };
    default:
      return undefined;
  }
}

function running(f: JobFacts): Decision | undefined {
  if (f.status !== 'running') return undefined;
  if (f.lockHeld) {
    return {
      reason: 'job.running',
      sentence: `It is running (attempt ${f.attempts.made + 1} of ${f.attempts.allowed}).`,
    };
  }
  return {
    reason: 'job.stalled',
    sentence:
      f.workers > 0
        ? 'It stalled (its worker stopped holding its lock) and is being recovered by a live worker.'
        : 'It stalled (its worker stopped holding its lock); it is recovered once a worker for its type starts.',
  };
}

function delayed(f: JobFacts): Decision | undefined {
  if (f.runAt === null || f.runAt <= f.now) return undefined;
  if (f.newerVersion || f.snoozeReason?.includes('newer than')) {
    return {
      reason: 'worker.versionBehind',
      sentence: `No live worker serves this version: ${f.snoozeReason ?? 'its payload is newer than this deploy'}; it checks again at ${iso(f.runAt)}.`,
      until: f.runAt,
    };
  }
  if (f.snoozeReason !== undefined) {
    return {
      reason: 'job.snoozed',
      sentence: `Its handler snoozed it until ${iso(f.runAt)}: ${f.snoozeReason}.`,
      until: f.runAt,
    };
  }
  if (f.status === 'retrying') {
    return {
      reason: 'job.retrying',
      sentence: `It is waiting for a retry until ${iso(f.runAt)} (attempt ${f.attempts.made + 1} of ${f.attempts.allowed}).`,
      until: f.runAt,
    };
  }
  return {
    reason: 'job.scheduled',
    sentence: `It is scheduled for ${iso(f.runAt)}.`,
    until: f.runAt,
  };
}

function queued(f: JobFacts): Decision {
  if (f.paused) {
    return {
      reason: 'queue.paused',
      sentence: `The ${f.type} queue is paused; run \`inspector resume ${f.type}\` to let workers take its jobs.`,
    };
  }
  if (f.rateLimitMs > 0) {
    return {
      reason: 'queue.rateLimited',
      sentence: `The ${f.type} queue is rate-limited until ${iso(f.now + f.rateLimitMs)}.`,
      until: f.now + f.rateLimitMs,
    };
  }
  if (f.workers === 0) {
    return {
      reason: 'worker.none',
      sentence: `No live worker serves ${f.type}.`,
    };
  }
  const place =
    f.position === null ? '' : `; it is ${ordinal(f.position)} in line`;
  if (f.running > 0) {
    return {
      reason: 'workers.busy',
      sentence: `All ${f.workers} worker${f.workers === 1 ? '' : 's'} serving ${f.type} are busy (${f.running} running)${place}.`,
    };
  }
  return {
    reason: 'job.next',
    sentence: `It is about to be picked up: ${f.workers} live worker${f.workers === 1 ? '' : 's'} serve ${f.type}${place}.`,
  };
}

/** Decides why the job is where it is (see the rules above). */
export function explainJobFacts(facts: JobFacts): JobExplanation {
  const decision =
    finished(facts) ?? running(facts) ?? delayed(facts) ?? queued(facts);
  return {
    id: facts.id,
    type: facts.type,
    status: facts.status,
    reason: decision.reason,
    sentence: decision.sentence,
    until: decision.until === undefined ? null : iso(decision.until),
    position: facts.position,
    attempt: facts.attempts,
    workers: facts.workers,
  };
}
