/**
 * Errand's job schedulers carry this id prefix, so reconciling touches only
 * the schedulers the schedules file made and leaves any other (made by hand
 * or by another tool on the same queues) alone.
 */
const SCHEDULE_ID_PREFIX = 'errand.schedule:';

/** The BullMQ job scheduler id of the schedule named `name`. */
export function scheduleIdOf(name: string): string {
  return SCHEDULE_ID_PREFIX + name;
}

/** The schedule name in a scheduler id, or undefined if it is not Errand's. */
export function scheduleNameOf(id: string): string | undefined {
  return id.startsWith(SCHEDULE_ID_PREFIX)
    ? id.slice(SCHEDULE_ID_PREFIX.length)
    : undefined;
}

const RUN_ID = /^repeat:errand\.schedule:[a-z0-9]+(?:[.-][a-z0-9]+)*:\d+$/;

/**
 * True for the id BullMQ gives each run of one of Errand's schedules,
 * `repeat:errand.schedule:<name>:<run time in ms>`: the only job ids that
 * are not UUIDs.
 */
export function isScheduledRunId(id: string): boolean {
  return RUN_ID.test(id);
}
