import '../formats';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { JobType, PayloadOf } from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrorCode } from '../errors/error-code';
import { EnqueueRequest } from '../http/enqueue-request';
import { issuesOf } from './issues-of';
import { parseRequestedPayload, resolveJobType } from './resolve-job-type';

const requestChecker = TypeCompiler.Compile(EnqueueRequest);

/** The options a request may set, whatever its type. */
export type EnqueueOptions = Omit<EnqueueRequest, 'type' | 'payload'>;

/**
 * A request whose envelope and payload both passed their contracts, under
 * its catalog type. `requestedType` is the alias the request named, if it
 * named one (see resolveJobType); the job keeps it.
 */
export type ValidEnqueueRequest = {
  [T in JobType]: {
    type: T;
    payload: PayloadOf<T>;
    requestedType?: string;
  } & EnqueueOptions;
}[JobType];

/**
 * Checks a `POST /enqueue` body: the envelope first, then the type against
 * the catalog (an alias resolves to its type), then the payload against
 * that type's contract (an alias's through its adapter).
 */
export function parseEnqueueRequest(body: unknown): ValidEnqueueRequest {
  if (!requestChecker.Check(body)) {
    throw new ContractViolationError(
      ErrorCode.invalidRequest,
      'The request body does not match the enqueue contract.',
      issuesOf(requestChecker, body),
    );
  }
  if (body.delay !== undefined && body.runAt !== undefined) {
    const message = 'Give either delay or runAt, not both';
    throw new ContractViolationError(
      ErrorCode.invalidRequest,
      'The request sets both delay and runAt.',
      [
        { path: '/delay', message },
        { path: '/runAt', message },
      ],
    );
  }
  const resolved = resolveJobType(body.type);
  const payload = parseRequestedPayload(resolved, body.payload);
  return {
    ...body,
    type: resolved.type,
    payload,
    ...(resolved.alias && { requestedType: resolved.alias.name }),
  } as ValidEnqueueRequest;
}
