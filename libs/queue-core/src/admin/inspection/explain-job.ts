import type { JobStatus } from '@errand/contracts';
import { describeKeyHold, type KeyHold } from '../../store/limits/job-hold';

/**
 * Why a job is not running now, decided from facts read beforehand
 * (explain-job-reader.ts), so that every branch is a plain function of its
 * input and unit-tested without Redis. The first matching rule wins:
 * 1. finished   — succeeded, dead or cancelled: it will not run again
 *                 unless an operator acts;
 * 2. running    — running, or stalled (its lock expired: the worker died)
 *                 and waiting for a live worker's stalled check;
 * 3. waiting    — a parent waiting for its children: how many have not
 *                 ended, and where those stand;
 * 4. delayed    — snoozed for a newer contract version (no live worker
 *                 serves it), snoozed by its handler, waiting out a retry
 *                 backoff, or scheduled for later;
 * 5. queued     — its queue is paused, rate-limited, served by no live
 *                 worker, or every worker is busy (with its position).
 */

/** Stable, machine-readable reasons; scripts branch on these. */
type JobReason =
  | 'job.succeeded'
  | 'job.dead'
  | 'job.cancelled'
  | 'job.running'
  | 'job.stalled'
  | 'job.scheduled'
  | 'job.retrying'
  | 'job.snoozed'
  | 'job.waitingForChildren'
  | 'worker.versionBehind'
  | 'queue.paused'
  | 'queue.rateLimited'
  | 'queue.providerPaused'
  | 'type.atCap'
  | 'key.held'
  | 'worker.none'
  | 'workers.busy'
  | 'job.next';

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
  /** The type's flow limits now (docs/flow-control.md). */
  flow?: {
    /** The rate limit as people write it (`10/s`); null when off. */
    rate: string | null;
    maxConcurrent: number | null;
    /** When a provider's pause ends; null when none holds. */
    pausedUntil: number | null;
  };
  /** Its concurrency key holds it: the key's running jobs and cap. */
  heldByKey?: KeyHold;
  /** A parent's children counted by status (GET /jobs/:id's `children`). */
  children?: { total: number; counts: Partial<Record<JobStatus, number>> };
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

/** Not ended yet, in the order a child moves towards its end. */
const pendingStatuses: readonly JobStatus[] = [
  'running',
  'retrying',
  'queued',
  'scheduled',
  'waiting',
];

function waiting(f: JobFacts): Decision | undefined {
  if (f.status !== 'waiting' || !f.children) return undefined;
  const { total, counts } = f.children;
  const parts = pendingStatuses.flatMap(status =>
    counts[status] ? [`${counts[status]} ${status}`] : [],
  );
  const pending = pendingStatuses.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return {
    reason: 'job.waitingForChildren',
    sentence: `It is waiting for ${pending} of ${total} children${parts.length > 0 ? ` (${parts.join(', ')})` : ''}.`,
  };
}

function delayed(f: JobFacts): Decision | undefined {
  if (f.runAt === null || f.runAt <= f.now) return undefined;
  if (f.heldByKey) {
    return {
      reason: 'key.held',
      sentence: describeKeyHold(f.heldByKey, f.runAt),
      until: f.runAt,
    };
  }
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
  if (f.flow?.pausedUntil && f.flow.pausedUntil > f.now) {
    return {
      reason: 'queue.providerPaused',
      sentence: `${f.type} paused by the provider until ${iso(f.flow.pausedUntil)}.`,
      until: f.flow.pausedUntil,
    };
  }
  if (f.rateLimitMs > 0) {
    return {
      reason: 'queue.rateLimited',
      sentence: f.flow?.rate
        ? `rate limit ${f.flow.rate} on ${f.type}: next start in ${f.rateLimitMs} ms.`
        : `The ${f.type} queue is rate-limited until ${iso(f.now + f.rateLimitMs)}.`,
      until: f.now + f.rateLimitMs,
    };
  }
  const cap = f.flow?.maxConcurrent;
  if (cap != null && f.running >= cap) {
    return {
      reason: 'type.atCap',
      sentence: `${f.type} has ${f.running} of ${cap} running (maxConcurrent).`,
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
    finished(facts) ??
    running(facts) ??
    waiting(facts) ??
    delayed(facts) ??
    queued(facts);
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
