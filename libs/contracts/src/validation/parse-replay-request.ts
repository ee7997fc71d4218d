import '../formats';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { JobType } from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrorCode } from '../errors/error-code';
import type { FieldIssue } from '../errors/field-issue';
import { DEFAULT_REPLAY_RATE, ReplayRequest } from '../http/dead-letter';
import { issuesOf } from './issues-of';
import { parseJobType } from './parse-payload';

const requestChecker = TypeCompiler.Compile(ReplayRequest);

/** Which dead jobs a replay moves: listed ids, or those a filter matches. */
export type ReplaySelection =
  { ids: string[] } | { type: JobType; since?: string; errorContains?: string };

/** A checked `POST /dead-letter/replay` body, its defaults filled in. */
export interface ValidReplayRequest {
  selection: ReplaySelection;
  /** The merge patch; `undefined` when the body has none. */
  patch?: unknown;
  dryRun: boolean;
  rate: number;
}

function refuse(message: string, issues: FieldIssue[]): never {
  throw new ContractViolationError(ErrorCode.invalidRequest, message, issues);
}

/**
 * Checks a `POST /dead-letter/replay` body: its shape, then that it picks
 * jobs one way only (`ids`, or `type` with optional `since` and
 * `errorContains`), then the type against the catalog. The patch is
 * checked later, against each job's payload.
 */
export function parseReplayRequest(body: unknown): ValidReplayRequest {
  if (!requestChecker.Check(body)) {
    refuse(
      'The request body does not match the replay contract.',
      issuesOf(requestChecker, body),
    );
  }
  const { ids, type, since, errorContains } = body;
  const filtered = [
    ['type', type],
    ['since', since],
    ['errorContains', errorContains],
  ].filter(([, value]) => value !== undefined);
  if (ids && filtered.length > 0) {
    const message = 'Give either ids or a filter, not both';
    refuse('The request picks jobs both by id and by filter.', [
      { path: '/ids', message },
      ...filtered.map(([name]) => ({ path: `/${name}`, message })),
    ]);
  }
  if (!ids && type === undefined) {
    refuse('The request picks no jobs.', [
      {
        path: filtered.length > 0 ? '/type' : '/',
        message:
          'Give ids, or a type (with since and errorContains to narrow it)',
      },
    ]);
  }
  const selection: ReplaySelection = ids
    ? { ids }
    : {
        type: parseJobType(type ?? ''),
        ...(since !== undefined && { since }),
        ...(errorContains !== undefined && { errorContains }),
      };
  return {
    selection,
    ...('patch' in body && { patch: body.patch }),
    dryRun: body.dryRun ?? false,
    rate: body.rate ?? DEFAULT_REPLAY_RATE,
  };
}
