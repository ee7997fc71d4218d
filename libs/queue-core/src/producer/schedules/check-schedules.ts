import { getNextMillis } from 'bullmq';
import {
  InvalidScheduleError,
  validateSchedules,
  type ScheduleDefinition,
} from '@errand/contracts';

/** Throws an {@link InvalidScheduleError} unless BullMQ can read the cron. */
function checkCron(schedule: ScheduleDefinition, now: number): void {
  if (!('cron' in schedule)) return;
  let next: number | undefined;
  let reason = 'it never matches a date';
  try {
    // BullMQ's own parser (cron-parser), with the time zone, so that what
    // passes here is exactly what the scheduler accepts.
    next = getNextMillis(now, {
      pattern: schedule.cron,
      tz: schedule.timezone,
    });
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  if (next === undefined) {
    throw new InvalidScheduleError(schedule.name, [
      {
        path: '/cron',
        message: `"${schedule.cron}" is not a valid cron pattern: ${reason}`,
      },
    ]);
  }
}

/**
 * Checks a schedules file completely: the contracts' checks (shape, names,
 * time zones, payloads) and the cron patterns, which need BullMQ's parser
 * and so are checked here. Throws an {@link InvalidScheduleError} naming the
 * first bad schedule; reconciling checks first, so a bad file changes
 * nothing in Redis.
 */
export function checkSchedules(
  schedules: readonly unknown[],
  now = Date.now(),
): ScheduleDefinition[] {
  const valid = validateSchedules(schedules);
  for (const schedule of valid) checkCron(schedule, now);
  return valid;
}
