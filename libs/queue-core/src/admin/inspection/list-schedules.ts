import type { JobSchedulerJson } from 'bullmq';
import {
  redactPayload,
  type JobType,
  type ScheduleView,
} from '@errand/contracts';
import type { JobEnvelope } from '../../store/job-envelope';
import type { JobStore } from '../../store/job-store';
import { scheduleNameOf } from '../../store/schedule-id';

/** One of Errand's schedulers as `GET /schedules` shows it. */
function toScheduleView(
  type: JobType,
  name: string,
  scheduler: JobSchedulerJson,
): ScheduleView {
  const data = scheduler.template?.data as Partial<JobEnvelope> | undefined;
  const opts = scheduler.template?.opts ?? {};
  return {
    name,
    type,
    ...(scheduler.pattern !== undefined && { cron: scheduler.pattern }),
    ...(scheduler.tz !== undefined && { timezone: scheduler.tz }),
    ...(scheduler.every !== undefined && { every: scheduler.every }),
    // Sealed or not, sensitive fields never leave as they are stored.
    payload: redactPayload(type, data?.payload ?? {}),
    retries: Math.max(0, (opts.attempts ?? 1) - 1),
    priority: opts.priority ?? 0,
    nextRunAt: scheduler.next ? new Date(scheduler.next).toISOString() : null,
  };
}

/**
 * Every schedule the workers reconciled into Redis, by name, with its next
 * run time. It reads Redis rather than the schedules file: what runs is
 * what the workers last wrote, which during a deploy may not yet be this
 * process's file. Schedulers Errand did not make are not listed.
 */
export async function listSchedules(queues: JobStore): Promise<ScheduleView[]> {
  const perType = await queues.runWithDeadline(() =>
    Promise.all(
      queues.all().map(async ({ type, queue }) =>
        (await queue.getJobSchedulers()).flatMap(scheduler => {
          const name = scheduleNameOf(scheduler.key);
          return name === undefined
            ? []
            : [toScheduleView(type, name, scheduler)];
        }),
      ),
    ),
  );
  return perType.flat().sort((a, b) => a.name.localeCompare(b.name));
}
