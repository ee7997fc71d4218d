import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrorCode } from '../errors/error-code';
import type { FieldIssue } from '../errors/field-issue';
import { JobTypeLimits, RateLimit } from '../limits/job-type-limits';
import { issuesOf } from './issues-of';

const limitsChecker = TypeCompiler.Compile(JobTypeLimits);
const rateChecker = TypeCompiler.Compile(RateLimit);

/**
 * What is wrong with a limits body. A union reports only "expected union
 * value" at `/rateLimit`; an object there is checked on its own, so the
 * issue names the field inside it (`/rateLimit/max`).
 */
function limitsIssues(body: unknown, prefix: string): FieldIssue[] {
  const issues = issuesOf(limitsChecker, body, prefix);
  const rate = (body as { rateLimit?: unknown } | null)?.rateLimit;
  if (typeof rate !== 'object' || rate === null || rateChecker.Check(rate)) {
    return issues;
  }
  return [
    ...issues.filter(issue => issue.path !== `${prefix}/rateLimit`),
    ...issuesOf(rateChecker, rate, `${prefix}/rateLimit`),
  ];
}

/**
 * Checks a `PUT /job-types/{type}/limits` body (or one type's limits in
 * the `JOB_TYPE_LIMITS` configuration, `prefix` naming where): every field
 * present, each an integer of at least 1 or `null`; each issue names its
 * field.
 */
export function parseJobTypeLimits(body: unknown, prefix = ''): JobTypeLimits {
  if (!limitsChecker.Check(body)) {
    throw new ContractViolationError(
      ErrorCode.invalidRequest,
      'The limits do not match the job type limits contract.',
      limitsIssues(body, prefix),
    );
  }
  return body;
}
