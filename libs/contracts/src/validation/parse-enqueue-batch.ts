import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  ContractViolationError,
  type ContractViolationCode,
} from '../errors/contract-violation-error';
import { ErrandError } from '../errors/errand-error';
import { ErrorCode } from '../errors/error-code';
import type { FieldIssue } from '../errors/field-issue';
import { MAX_BATCH_JOBS } from '../http/enqueue-batch';
import { issuesOf } from './issues-of';
import {
  parseEnqueueRequest,
  type ValidEnqueueRequest,
} from './parse-enqueue-request';

/**
 * The batch's own shape, each job left `unknown`: every job is then checked
 * by {@link parseEnqueueRequest}, so a batch job passes exactly when the
 * same body would pass `POST /enqueue`.
 */
const batchChecker = TypeCompiler.Compile(
  Type.Object(
    {
      jobs: Type.Array(Type.Unknown(), {
        minItems: 1,
        maxItems: MAX_BATCH_JOBS,
      }),
    },
    { additionalProperties: false },
  ),
);

/** At most this many issues are listed, however many jobs are bad. */
const MAX_BATCH_ISSUES = 200;

/**
 * Checks a `POST /enqueue/batch` body, all or nothing: every job is checked
 * and, if any is bad, one {@link ContractViolationError} lists each bad
 * job's fields with paths into the whole body (`/jobs/3/payload/to`).
 *
 * The code is `contract.invalidPayload` when only payloads are wrong, and
 * `contract.invalidRequest` otherwise (an unknown type included: its issue
 * at `/jobs/N/type` names the known types).
 */
export function parseEnqueueBatch(body: unknown): ValidEnqueueRequest[] {
  if (!batchChecker.Check(body)) {
    throw new ContractViolationError(
      ErrorCode.invalidRequest,
      `The request body must be {jobs: [...]} with 1 to ${MAX_BATCH_JOBS} jobs.`,
      issuesOf(batchChecker, body),
    );
  }
  const valid: ValidEnqueueRequest[] = [];
  const issues: FieldIssue[] = [];
  let bad = 0;
  let payloadsOnly = true;
  body.jobs.forEach((job, index) => {
    try {
      valid.push(parseEnqueueRequest(job));
    } catch (error) {
      if (!(error instanceof ErrandError)) throw error;
      bad += 1;
      payloadsOnly &&= error.code === ErrorCode.invalidPayload;
      for (const issue of error.issues) {
        const path = `/jobs/${index}${issue.path === '/' ? '' : issue.path}`;
        issues.push({ path, message: issue.message });
      }
    }
  });
  if (bad === 0) return valid;
  const code: ContractViolationCode = payloadsOnly
    ? ErrorCode.invalidPayload
    : ErrorCode.invalidRequest;
  throw new ContractViolationError(
    code,
    `${bad} of ${body.jobs.length} jobs break the contract; none was stored.`,
    issues.slice(0, MAX_BATCH_ISSUES),
  );
}
