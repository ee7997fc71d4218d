import '../formats';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { isJobType, jobTypes, type JobType } from '../catalog/job-catalog';
import type { JobStatus } from '../catalog/job-status';
import { ErrandError } from '../errors/errand-error';
import { ErrorCode } from '../errors/error-code';
import { DEFAULT_JOB_PAGE, JobListQuery } from '../http/job-list';
import { issuesOf } from './issues-of';

const queryChecker = TypeCompiler.Compile(JobListQuery);

/** A `GET /jobs` query, checked, its limit a number. */
export interface ValidJobListQuery {
  status?: JobStatus;
  type?: JobType;
  limit: number;
  cursor?: string;
}

/**
 * Checks the query of `GET /jobs`. Query values arrive as strings, so a
 * `limit` of digits is read as a number first (`2.5` or `1e2` stay strings,
 * and are refused); a repeated parameter arrives as an array and is refused.
 * Every issue's path names the parameter: `/query/limit`.
 */
export function parseJobListQuery(query: unknown): ValidJobListQuery {
  const converted =
    typeof query === 'object' && query !== null
      ? { ...(query as Record<string, unknown>) }
      : query;
  if (
    typeof converted === 'object' &&
    converted !== null &&
    'limit' in converted &&
    typeof converted.limit === 'string' &&
    /^[0-9]{1,6}$/.test(converted.limit)
  ) {
    converted.limit = Number(converted.limit);
  }
  if (!queryChecker.Check(converted)) {
    const issues = issuesOf(queryChecker, converted, '/query');
    const names = issues.map(issue => issue.path.replace('/query/', ''));
    throw new ErrandError(
      ErrorCode.invalidParameter,
      `Invalid query parameter ${names.join(', ')}: ${issues[0]?.message ?? 'see errors'}.`,
      issues,
    );
  }
  const { status, type, limit = DEFAULT_JOB_PAGE, cursor } = converted;
  if (type !== undefined && !isJobType(type)) {
    const message = `Unknown job type "${type}". Known types: ${jobTypes.join(', ')}.`;
    throw new ErrandError(ErrorCode.unknownJobType, message, [
      { path: '/query/type', message },
    ]);
  }
  return { status, type, limit, cursor };
}
