import { defineSchedule, type AnySchedule } from './schedule-definition';

/**
 * The recurring schedules, declared as code. Each worker reconciles Redis
 * with this list when it starts: a schedule added here is created, one
 * changed is updated, one taken out is removed, each with a log line. Only
 * workers that serve a schedule's job type reconcile it, so a schedule
 * never fills a queue that no worker reads.
 *
 * The schedules spec checks every payload against its type's contract and
 * the names for uniqueness, so a bad schedule fails CI; the cron syntax is
 * checked by queue-core's spec and again when a worker reconciles.
 */
export const schedules: readonly AnySchedule[] = [
  // Proves end to end that schedules fire and workers take jobs: a gap in
  // its runs (`npx inspector list --type system.noop`) means one is stuck.
  defineSchedule({
    name: 'system.heartbeat',
    every: 5 * 60 * 1_000,
    type: 'system.noop',
    payload: {},
  }),
];
