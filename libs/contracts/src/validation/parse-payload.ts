import '../formats';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import {
  isJobType,
  jobCatalog,
  jobTypes,
  type JobType,
  type PayloadOf,
} from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrorCode } from '../errors/error-code';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error';
import { issuesOf } from './issues-of';

// Compiled once at load: checking a payload is then a plain function call.
const payloadCheckers = {} as Record<JobType, TypeCheck<TSchema>>;
for (const type of jobTypes) {
  payloadCheckers[type] = TypeCompiler.Compile(jobCatalog[type].payload);
}

/** Narrows a string to a catalog job type, or names the known ones. */
export function parseJobType(type: string): JobType {
  if (isJobType(type)) return type;
  throw new UnknownJobTypeError(type, jobTypes);
}

/**
 * Checks a payload against its type's contract. Both edges call it: the API
 * for a fast 400, the worker against old or foreign producers.
 *
 * @param pathPrefix - where the payload sits in the caller's input, so that
 *   issue paths point into the whole request (`/payload/to`).
 */
export function parsePayload<T extends JobType>(
  type: T,
  payload: unknown,
  pathPrefix = '/payload',
): PayloadOf<T> {
  const checker = payloadCheckers[type];
  if (checker.Check(payload)) return payload as PayloadOf<T>;
  throw new ContractViolationError(
    ErrorCode.invalidPayload,
    `The payload does not match the ${type} contract.`,
    issuesOf(checker, payload, pathPrefix),
  );
}
