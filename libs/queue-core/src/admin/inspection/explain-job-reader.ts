import { jobCatalog, type JobView } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { countLiveWorkers } from '../operations/live-workers';
import { findJob, getJobView, type FoundJob } from '../../store/find-job';
import {
  explainJobFacts,
  type JobExplanation,
  type JobFacts,
} from './explain-job';
import { readFlowFacts } from './flow-facts';

/** BullMQ's delayed scores are `runAt * 0x1000 + counter`. */
const DELAYED_SCORE_UNIT = 0x1000;

const msOrNull = (iso: string | null) =>
  iso === null ? null : Date.parse(iso);

/**
 * A queued job's 1-based place in line. Workers take from the right end of
 * the wait list (`RPOPLPUSH`), then prioritized jobs by score, so a job in
 * the list is `length - index` from the front, and a prioritized one comes
 * after the whole list.
 */
async function positionOf(
  queues: JobStore,
  { queue, job }: FoundJob,
): Promise<number | null> {
  const id = job.id ?? '';
  const redis = queues.connection;
  const [length, index, rank] = await Promise.all([
    redis.llen(queue.keys.wait),
    redis.lpos(queue.keys.wait, id),
    redis.zrank(queue.keys.prioritized, id),
  ]);
  if (index !== null) return length - index;
  if (rank !== null) return length + rank + 1;
  return null;
}

/** When a delayed job is due, from its score in the delayed set. */
async function dueAt(
  queues: JobStore,
  { queue, job }: FoundJob,
): Promise<number | null> {
  const score = await queues.connection.zscore(
    queue.keys.delayed,
    job.id ?? '',
  );
  return score === null ? null : Math.floor(Number(score) / DELAYED_SCORE_UNIT);
}

/** The facts about a job that is not finished, read from its queue. */
async function readLiveFacts(
  queues: JobStore,
  view: JobView,
  found: FoundJob,
): Promise<Partial<JobFacts>> {
  const { queue, job, type } = found;
  const [paused, rateLimitMs, workers, running, position, runAt, lock] =
    await Promise.all([
      queues.runWithDeadline(() => queue.isPaused()),
      queues.runWithDeadline(() => queue.getRateLimitTtl()),
      countLiveWorkers(queues, type),
      queues.runWithDeadline(() => queue.getActiveCount()),
      view.status === 'queued'
        ? queues.runWithDeadline(() => positionOf(queues, found))
        : null,
      view.status === 'scheduled' || view.status === 'retrying'
        ? queues.runWithDeadline(() => dueAt(queues, found))
        : null,
      view.status === 'running'
        ? queues.runWithDeadline(() =>
            queues.connection.exists(`${queue.toKey(job.id ?? '')}:lock`),
          )
        : 0,
    ]);
  return {
    paused,
    rateLimitMs: Math.max(0, rateLimitMs),
    workers,
    running,
    position,
    runAt,
    lockHeld: lock > 0,
    newerVersion: (job.data?.version ?? 1) > jobCatalog[type].version,
  };
}

/** Reads what {@link explainJobFacts} decides on. */
async function readJobFacts(
  queues: JobStore,
  id: string,
  now = Date.now(),
): Promise<JobFacts> {
  const view = await getJobView(queues, id);
  const last = view.timeline?.at(-1);
  const facts: JobFacts = {
    id: view.id,
    type: view.type,
    status: view.status,
    now,
    attempts: view.attempts,
    runAt: msOrNull(view.runAt),
    finishedAt: msOrNull(view.finishedAt),
    snoozeReason: last?.event === 'snoozed' ? last.reason : undefined,
    newerVersion: false,
    paused: false,
    rateLimitMs: 0,
    workers: 0,
    running: 0,
    position: null,
    lockHeld: false,
    ...(view.children && { children: view.children }),
  };
  if (['succeeded', 'dead', 'cancelled'].includes(view.status)) return facts;
  const found = await findJob(queues, id);
  const live = {
    ...(await readLiveFacts(queues, view, found)),
    ...(await readFlowFacts(queues, found)),
  };
  return { ...facts, ...live, runAt: live.runAt ?? facts.runAt };
}

/**
 * Why a job is not running now: one sentence and a stable reason code
 * (`inspector why`). Throws `job.notFound` for an unknown id.
 */
export async function explainJob(
  queues: JobStore,
  id: string,
): Promise<JobExplanation> {
  return explainJobFacts(await readJobFacts(queues, id));
}
