import { isDeepStrictEqual } from 'node:util';
import type {
  JobSchedulerJson,
  JobSchedulerTemplateOptions,
  RepeatOptions,
} from 'bullmq';
import {
  jobCatalog,
  type ScheduleDefinition,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import type { JobEnvelope } from '../../store/job-envelope';
import { jobOptionsFor, type Retention } from '../../store/job-options';
import type {
  PayloadCipher,
  SealScope,
} from '../../store/security/payload-cipher';
import { scheduleIdOf } from '../../store/schedule-id';

/** What a job template depends on besides the schedule: a JobStore's. */
export interface TemplateContext {
  /** Seals sensitive payload fields. */
  cipher?: PayloadCipher;
  /** How long finished runs are kept. @defaultValue `DEFAULT_RETENTION` */
  retention?: Retention;
}

/** What `Queue.upsertJobScheduler` takes for one schedule. */
export interface SchedulerSpec {
  repeat: Omit<RepeatOptions, 'key'>;
  template: {
    name: string;
    data: JobEnvelope;
    opts: JobSchedulerTemplateOptions;
  };
}

/**
 * What a template's sealed values are bound to: each run gets its id only
 * when BullMQ creates it, so they are bound to the scheduler, and open in
 * any of its runs (security/seal-scope.ts).
 */
function templateScopeOf(schedule: ScheduleDefinition): SealScope {
  return { type: schedule.type, schedulerId: scheduleIdOf(schedule.name) };
}

/** A checked schedule read as the request it enqueues on each run. */
function requestOf(schedule: ScheduleDefinition): ValidEnqueueRequest {
  const { type, payload, retries, priority } = schedule;
  return { type, payload, retries, priority } as ValidEnqueueRequest;
}

/**
 * The job template of a schedule: the same envelope and options as
 * `enqueueJob` gives a job sent to the API (attempts, backoff, priority,
 * retention), minus what each run gets for itself (id, creation time). The
 * job's name is its type, as for every job, since the consumer reads it.
 */
function templateOf(
  schedule: ScheduleDefinition,
  { cipher, retention }: TemplateContext,
): SchedulerSpec['template'] {
  const {
    jobId: _jobId,
    delay: _delay,
    ...opts
  } = jobOptionsFor('schedule', requestOf(schedule), 0, retention);
  return {
    name: schedule.type,
    data: {
      payload: cipher
        ? cipher.seal(templateScopeOf(schedule), schedule.payload)
        : schedule.payload,
      version: jobCatalog[schedule.type].version,
    },
    opts,
  };
}

/**
 * What to upsert for a schedule. A cron schedule runs on its pattern in its
 * time zone. An `every` schedule first runs one interval after it is
 * written, not at once as BullMQ would: a deploy that creates or changes
 * schedules should not fire them all as the workers start.
 */
export function schedulerSpecOf(
  schedule: ScheduleDefinition,
  context: TemplateContext,
  now: number,
): SchedulerSpec {
  const repeat =
    'cron' in schedule
      ? { pattern: schedule.cron, tz: schedule.timezone }
      : { every: schedule.every, startDate: now + schedule.every };
  return { repeat, template: templateOf(schedule, context) };
}

/** JSON's view of a value: what Redis keeps of it. */
function stored(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * True when the stored payload is the wanted one. Sealed values differ on
 * every seal (random IV), so they are compared opened; and a sensitive
 * value that is not sealed under the newest key in the current format (in
 * clear from before encryption was turned on, under an older key, or in
 * the v1 format) counts as a change, so that it gets sealed again.
 */
function payloadMatches(
  scope: SealScope,
  current: unknown,
  wanted: unknown,
  cipher: PayloadCipher | undefined,
): boolean {
  if (!cipher) return isDeepStrictEqual(current, stored(wanted));
  try {
    const opened = cipher.open(scope, current);
    if (!isDeepStrictEqual(opened, stored(wanted))) return false;
    return !cipher.reseal(scope, current).changed;
  } catch {
    return false;
  }
}

/**
 * True when the scheduler in Redis already runs the schedule as declared:
 * same timing, job type, envelope and options. Such a scheduler is left
 * alone, keeping its next run time.
 */
export function schedulerMatches(
  current: JobSchedulerJson,
  schedule: ScheduleDefinition,
  { cipher, retention }: TemplateContext,
): boolean {
  const wanted = schedulerSpecOf(schedule, { retention }, 0);
  const timingMatches =
    'cron' in schedule
      ? current.pattern === schedule.cron &&
        current.every === undefined &&
        current.tz === schedule.timezone
      : current.every === schedule.every && current.pattern === undefined;
  const data = current.template?.data as Partial<JobEnvelope> | undefined;
  return (
    timingMatches &&
    current.name === wanted.template.name &&
    data?.version === wanted.template.data.version &&
    payloadMatches(
      templateScopeOf(schedule),
      data?.payload,
      schedule.payload,
      cipher,
    ) &&
    isDeepStrictEqual(
      stored(current.template?.opts ?? {}),
      stored(wanted.template.opts),
    )
  );
}
