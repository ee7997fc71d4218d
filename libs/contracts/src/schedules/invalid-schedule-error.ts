import { ErrandError } from '../errors/errand-error';
import { ErrorCode } from '../errors/error-code';
import type { FieldIssue } from '../errors/field-issue';

/**
 * A schedule in the schedules file that cannot run: a bad shape, name,
 * payload, time zone or cron pattern. The schedules file is configuration
 * written as code, so the code is `config.invalid`; the message and
 * `scheduleName` say which schedule to fix, `issues` what is wrong with it.
 */
export class InvalidScheduleError extends ErrandError {
  constructor(
    readonly scheduleName: string,
    issues: readonly FieldIssue[],
  ) {
    const what = issues.map(i => `${i.path}: ${i.message}`).join('; ');
    super(
      ErrorCode.configInvalid,
      `The schedule "${scheduleName}" is invalid: ${what}`,
      issues,
    );
    this.name = 'InvalidScheduleError';
  }
}
