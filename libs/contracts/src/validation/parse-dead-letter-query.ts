import '../formats';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { isJobType, jobTypes, type JobType } from '../catalog/job-catalog';
import { ErrandError } from '../errors/errand-error';
import { ErrorCode } from '../errors/error-code';
import { DEFAULT_DEAD_LETTER_PAGE, DeadLetterQuery } from '../http/dead-letter';
import { issuesOf } from './issues-of';

const queryChecker = TypeCompiler.Compile(DeadLetterQuery);

/** A `GET /dead-letter` query, checked, its limit a number. */
export interface ValidDeadLetterQuery {
  type?: JobType;
  limit: number;
  cursor?: string;
}

/**
 * Checks the query of `GET /dead-letter`. Query values arrive as strings,
 * so `limit` is converted first. Every issue's path starts `/query/`.
 */
export function parseDeadLetterQuery(query: unknown): ValidDeadLetterQuery {
  const converted = Value.Convert(DeadLetterQuery, query);
  if (!queryChecker.Check(converted)) {
    throw new ErrandError(
      ErrorCode.invalidParameter,
      'The query does not match the dead-letter listing contract.',
      issuesOf(queryChecker, converted, '/query'),
    );
  }
  const { type, limit = DEFAULT_DEAD_LETTER_PAGE, cursor } = converted;
  if (type !== undefined && !isJobType(type)) {
    const message = `Unknown job type "${type}". Known types: ${jobTypes.join(', ')}.`;
    throw new ErrandError(ErrorCode.unknownJobType, message, [
      { path: '/query/type', message },
    ]);
  }
  return { type, limit, cursor };
}
