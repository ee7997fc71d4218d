import type { Queue } from 'bullmq';
import {
  jobTypes,
  type JobType,
  type ScheduleDefinition,
} from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { checkSchedules } from './check-schedules';
import { scheduleIdOf, scheduleNameOf } from '../../store/schedule-id';
import { schedulerMatches, schedulerSpecOf } from './scheduler-template';

/** What reconciling did to one schedule. */
export interface ScheduleChange {
  name: string;
  type: JobType;
  change: 'created' | 'updated' | 'removed' | 'unchanged';
}

/** Which queues to reconcile. */
export interface ReconcileOptions {
  /**
   * The job types whose queues are reconciled; schedules of other types are
   * neither created nor removed. A worker passes the types it serves, so a
   * schedule never fills a queue no worker of that deploy reads.
   * @defaultValue every catalog type
   */
  types?: readonly JobType[];
  /** The clock, for `every` schedules' first run. @defaultValue `Date.now` */
  now?: () => number;
}

/**
 * Makes the job schedulers in Redis match the schedules file, queue by
 * queue:
 * 1. check  — every schedule, cron patterns included; a bad file throws an
 *             `InvalidScheduleError` before anything in Redis changes;
 * 2. read   — each queue's job schedulers, keeping only Errand's (by id
 *             prefix; others are left alone);
 * 3. create — a schedule with no scheduler;
 * 4. update — a scheduler whose timing, type, envelope or options differ;
 *             one that already matches is not written, so its next run time
 *             holds;
 * 5. remove — a scheduler whose schedule left the file (or its type).
 *
 * Every write is an upsert or a removal by id, so workers starting together
 * converge on one scheduler per schedule. Workers of two deploys with
 * different files undo each other's changes until the old ones stop: the
 * last to start wins. Resolves with one change per schedule, by name.
 */
export async function reconcileSchedules(
  queues: JobStore,
  schedules: readonly unknown[],
  { types = jobTypes, now = Date.now }: ReconcileOptions = {},
): Promise<ScheduleChange[]> {
  const checked = checkSchedules(schedules);
  const changes: ScheduleChange[] = [];
  // One queue after another: a few round trips each, and a failure stops
  // the run where it is, to be retried whole.
  for (const type of types) {
    const wanted = checked.filter(schedule => schedule.type === type);
    changes.push(...(await reconcileQueue(queues, type, wanted, now)));
  }
  return mergeMoves(changes);
}

async function reconcileQueue(
  queues: JobStore,
  type: JobType,
  wanted: ScheduleDefinition[],
  now: () => number,
): Promise<ScheduleChange[]> {
  // Opened inside `run`, once the connection is ready: a producer
  // connection refuses commands before that.
  const queue = (): Queue => queues.queueFor(type);
  const existing = new Map(
    (await queues.runWithDeadline(() => queue().getJobSchedulers())).flatMap(
      scheduler => {
        const name = scheduleNameOf(scheduler.key);
        return name === undefined ? [] : [[name, scheduler] as const];
      },
    ),
  );
  const changes: ScheduleChange[] = [];
  for (const schedule of wanted) {
    const current = existing.get(schedule.name);
    existing.delete(schedule.name);
    if (current && schedulerMatches(current, schedule, queues)) {
      changes.push({ name: schedule.name, type, change: 'unchanged' });
      continue;
    }
    const { repeat, template } = schedulerSpecOf(schedule, queues, now());
    await queues.runWithDeadline(() =>
      queue().upsertJobScheduler(scheduleIdOf(schedule.name), repeat, template),
    );
    const change = current ? 'updated' : 'created';
    changes.push({ name: schedule.name, type, change });
  }
  for (const name of existing.keys()) {
    await queues.runWithDeadline(() =>
      queue().removeJobScheduler(scheduleIdOf(name)),
    );
    changes.push({ name, type, change: 'removed' });
  }
  return changes;
}

/**
 * A schedule whose job type changed is removed from one queue and created
 * in another: report it once, as updated.
 */
function mergeMoves(changes: ScheduleChange[]): ScheduleChange[] {
  const created = new Set(
    changes.filter(c => c.change === 'created').map(c => c.name),
  );
  const moved = new Set(
    changes
      .filter(c => c.change === 'removed' && created.has(c.name))
      .map(c => c.name),
  );
  return changes
    .filter(c => !(moved.has(c.name) && c.change === 'removed'))
    .map(c => (moved.has(c.name) ? { ...c, change: 'updated' as const } : c))
    .sort((a, b) => a.name.localeCompare(b.name));
}
