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
import type { JobDefinition } from '../catalog/job-definition';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrorCode } from '../errors/error-code';
import { UnknownJobTypeError } from '../errors/unknown-job-type-error';
import { crossFieldIssuesOf } from './cross-field-checks';
import { issuesOf } from './issues-of';

// Compiled once per schema: checking a payload is then a plain function
// call. The catalog's are compiled at load.
const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>();
function checkerFor(schema: TSchema): TypeCheck<TSchema> {
  let checker = checkers.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    checkers.set(schema, checker);
  }
  return checker;
}
for (const type of jobTypes) checkerFor(jobCatalog[type].payload);

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
  return parsePayloadWith(
    jobCatalog[type],
    type,
    payload,
    pathPrefix,
  ) as PayloadOf<T>;
}

/**
 * {@link parsePayload} against a given definition rather than the catalog's:
 * a worker may be handed a catalog (a newer deploy, a test). After the
 * schema, the type's cross-field checks (`cross-field-checks.ts`).
 */
export function parsePayloadWith(
  definition: Pick<JobDefinition, 'payload'>,
  type: string,
  payload: unknown,
  pathPrefix = '/payload',
): unknown {
  const checker = checkerFor(definition.payload);
  const issues = checker.Check(payload)
    ? crossFieldIssuesOf(type, payload).map(issue => ({
        ...issue,
        path: pathPrefix + issue.path,
      }))
    : issuesOf(checker, payload, pathPrefix);
  if (!issues.length) return payload;
  throw new ContractViolationError(
    ErrorCode.invalidPayload,
    `The payload does not match the ${type} contract.`,
    issues,
  );
}
