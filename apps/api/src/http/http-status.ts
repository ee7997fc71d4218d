import type { ErrorCode } from '@errand/contracts';

/**
 * The one translation of error codes into HTTP statuses. A `Record` over
 * every code, so a new code without a status fails to compile.
 */
export const httpStatusOf: Record<ErrorCode, number> = {
  'contract.invalidRequest': 400,
  'contract.invalidPayload': 400,
  'contract.unknownJobType': 400,
  'contract.missingUpcaster': 500,
  'request.malformedJson': 400,
  'request.unsupportedMediaType': 415,
  'request.bodyTooLarge': 413,
  'request.routeNotFound': 404,
  'job.notFound': 404,
  'job.notDead': 409,
  'queue.unavailable': 503,
  'config.invalid': 500,
  'internal.error': 500,
};

/** A short, fixed summary per code: RFC 9457's `title`. */
export const titleOf: Record<ErrorCode, string> = {
  'contract.invalidRequest': 'The request does not match the contract',
  'contract.invalidPayload': 'The payload does not match its job type',
  'contract.unknownJobType': 'Unknown job type',
  'contract.missingUpcaster': 'A payload version cannot be upcast',
  'request.malformedJson': 'The body is not valid JSON',
  'request.unsupportedMediaType': 'The body must be application/json',
  'request.bodyTooLarge': 'The body is too large',
  'request.routeNotFound': 'No such route',
  'job.notFound': 'Job not found',
  'job.notDead': 'The job is not dead',
  'queue.unavailable': 'The queue is unavailable',
  'config.invalid': 'The server is misconfigured',
  'internal.error': 'Internal error',
};
