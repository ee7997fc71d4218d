import '../formats';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { JobType } from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import type { FieldIssue } from '../errors/field-issue';
import { issuesOf } from '../validation/issues-of';
import { parsePayload } from '../validation/parse-payload';
import { InvalidScheduleError } from './invalid-schedule-error';
import {
  CronScheduleDefinition,
  EveryScheduleDefinition,
  type ScheduleDefinition,
} from './schedule-definition';

const cronChecker = TypeCompiler.Compile(CronScheduleDefinition);
const everyChecker = TypeCompiler.Compile(EveryScheduleDefinition);

/**
 * True when the runtime knows `zone` as an IANA time zone. A bare offset
 * (`+02:00`) is not one: Node 24's Intl accepts it where Node 20's does not,
 * and a schedule must mean the same on every worker.
 */
export function isTimeZone(zone: string): boolean {
  if (/^[+-]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function nameOf(value: unknown, index: number): string {
  const name = (value as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : `#${index}`;
}

/** What is wrong with one schedule, apart from its cron syntax. */
function issuesOfSchedule(value: unknown): FieldIssue[] {
  const fields = (value ?? {}) as Record<string, unknown>;
  const hasCron = 'cron' in fields;
  const hasEvery = 'every' in fields;
  if (hasCron === hasEvery) {
    return [{ path: '/', message: 'Set exactly one of `cron` and `every`.' }];
  }
  // Checked against the one variant it claims, so the issues point at its
  // fields instead of TypeBox's "expected union value".
  const checker = hasCron ? cronChecker : everyChecker;
  if (!checker.Check(value)) return issuesOf(checker, value);
  const schedule = value as ScheduleDefinition;
  if ('timezone' in schedule && schedule.timezone !== undefined) {
    if (!isTimeZone(schedule.timezone)) {
      return [
        {
          path: '/timezone',
          message: `Unknown time zone "${schedule.timezone}"; use an IANA name such as Europe/Paris.`,
        },
      ];
    }
  }
  try {
    parsePayload(schedule.type as JobType, schedule.payload);
  } catch (error) {
    if (error instanceof ContractViolationError) return [...error.issues];
    throw error;
  }
  return [];
}

/**
 * Checks a schedules file: each schedule's shape, name, time zone and
 * payload (against its job type's contract, sensitive fields and formats
 * included), and that no two share a name. Throws an
 * {@link InvalidScheduleError} naming the first bad schedule. Cron syntax is
 * left to queue-core, which owns the cron parser.
 */
export function validateSchedules(
  schedules: readonly unknown[],
): ScheduleDefinition[] {
  const seen = new Set<string>();
  schedules.forEach((schedule, index) => {
    const name = nameOf(schedule, index);
    const issues = issuesOfSchedule(schedule);
    if (issues.length > 0) throw new InvalidScheduleError(name, issues);
    if (seen.has(name)) {
      throw new InvalidScheduleError(name, [
        { path: '/name', message: 'Another schedule has this name.' },
      ]);
    }
    seen.add(name);
  });
  return schedules as ScheduleDefinition[];
}
