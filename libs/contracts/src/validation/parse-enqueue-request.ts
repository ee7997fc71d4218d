import '../formats';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { JobType, PayloadOf } from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrorCode } from '../errors/error-code';
import { EnqueueRequest } from '../http/enqueue-request';
import { issuesOf } from './issues-of';
import { parseJobType, parsePayload } from './parse-payload';

const requestChecker = TypeCompiler.Compile(EnqueueRequest);

/** The options a request may set, whatever its type. */
export type EnqueueOptions = Omit<EnqueueRequest, 'type' | 'payload'>;

/** A request whose envelope and payload both passed their contracts. */
export type ValidEnqueueRequest = {
  [T in JobType]: { type: T; payload: PayloadOf<T> } & EnqueueOptions;
}[JobType];

/**
 * Checks a `POST /enqueue` body: the envelope first, then the type against
 * the catalog, then the payload against that type's contract.
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
  const type = parseJobType(body.type);
  const payload = parsePayload(type, body.payload);
  return { ...body, type, payload } as ValidEnqueueRequest;
}
