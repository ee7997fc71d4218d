import { setTimeout as sleep } from 'node:timers/promises';
import {
  ErrorCode,
  REPLAY_ANSWER_WITHIN_MS,
  type ReplayedJob,
  type ReplayResult,
  type SkippedJob,
  type ValidReplayRequest,
} from '@errand/contracts';
import { toJobStatus } from '../../store/job-status-map';
import type { JobStore } from '../../store/job-store';
import { planReplay, type PlannedJob, type ReplayPlan } from './plan-replay';
import { requeueDeadJob } from './requeue-dead-job';

/**
 * How a replay runs:
 * 1. select   — the listed ids that are dead, or the jobs the filter
 *               matches (select-dead-jobs.ts);
 * 2. patch    — with a patch, every job's patched payload is computed and
 *               checked against its contract; one that breaks it refuses
 *               the whole replay before anything moves (plan-replay.ts);
 * 3. answer   — a dry run stops here; a replay whose last job moves within
 *               `answerWithinMs` at its rate runs now and answers `done`,
 *               a longer one answers `running` and goes on in the
 *               background (its promise is `background`);
 * 4. move     — one job every `1 / rate` s: still dead? then patched data
 *               written, moved back with its attempts reset, and the
 *               replay recorded on it (requeue-dead-job.ts). A job that
 *               stopped being dead since step 1 is skipped, not moved.
 */

/** How a replay is carried out. */
export interface ReplayOptions {
  /** Who asked, as each job's history shows it. */
  by: string;
  /**
   * The longest replay that is answered once done.
   * @defaultValue {@link REPLAY_ANSWER_WITHIN_MS}
   */
  answerWithinMs?: number;
}

/** A replay answered: finished, planned, or going on in the background. */
export interface StartedReplay {
  result: ReplayResult;
  /** Settles with the final result when a `running` replay ends. */
  background?: Promise<ReplayResult>;
}

const listed = (jobs: readonly PlannedJob[]): ReplayedJob[] =>
  jobs.map(({ id, type }) => ({ id, type }));

/** Moves one planned job, or says why it was left alone. */
async function moveOne(
  queues: JobStore,
  { id, type, shard, envelope }: PlannedJob,
  patch: unknown,
  by: string,
): Promise<SkippedJob | undefined> {
  const job = await queues.runWithDeadline(() =>
    queues.queueFor(type, shard).getJob(id),
  );
  if (!job) {
    return {
      id,
      code: ErrorCode.jobNotFound,
      message: 'The job was removed before its turn came.',
    };
  }
  const state = await queues.runWithDeadline(() => job.getState());
  if (state !== 'failed') {
    const status = toJobStatus(state, job.attemptsMade) ?? state;
    return {
      id,
      code: ErrorCode.jobNotDead,
      message: `The job was ${status}, no longer dead, when its turn came.`,
    };
  }
  await requeueDeadJob(queues, job, { by, patch, envelope });
  return undefined;
}

/** Step 4: moves the planned jobs at `rate` per second. */
async function moveJobs(
  queues: JobStore,
  plan: ReplayPlan,
  { rate, patch }: Pick<ValidReplayRequest, 'rate' | 'patch'>,
  by: string,
): Promise<ReplayResult> {
  const moved: PlannedJob[] = [];
  const skipped = [...plan.skipped];
  const start = Date.now();
  const intervalMs = 1_000 / rate;
  for (const [i, planned] of plan.jobs.entries()) {
    const wait = start + i * intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    const left = await moveOne(queues, planned, patch, by);
    if (left) skipped.push(left);
    else moved.push(planned);
  }
  return {
    state: 'done',
    rate,
    jobs: listed(moved),
    skipped,
    more: plan.more,
  };
}

/**
 * Sends dead jobs back to their queues, at a bounded rate, optionally
 * patching their payloads first (see the steps above). Rejects with
 * `contract.invalidPayload` when the patch breaks any job's contract, and
 * then nothing has moved.
 */
export async function replayDeadJobs(
  queues: JobStore,
  request: ValidReplayRequest,
  { by, answerWithinMs = REPLAY_ANSWER_WITHIN_MS }: ReplayOptions,
): Promise<StartedReplay> {
  const plan = await planReplay(queues, request);
  const planned = {
    rate: request.rate,
    jobs: listed(plan.jobs),
    skipped: plan.skipped,
    more: plan.more,
  };
  if (request.dryRun) return { result: { state: 'planned', ...planned } };
  const run = moveJobs(queues, plan, request, by);
  const lastMoveMs =
    (Math.max(1, plan.jobs.length) - 1) * (1_000 / request.rate);
  if (lastMoveMs <= answerWithinMs) return { result: await run };
  return { result: { state: 'running', ...planned }, background: run };
}
