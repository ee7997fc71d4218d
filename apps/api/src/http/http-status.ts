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
  'request.invalidParameter': 400,
  'request.idempotencyConflict': 409,
  'request.keyInQuery': 400,
  'request.rateLimited': 429,
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'job.notFound': 404,
  'job.notDead': 409,
  'job.finished': 409,
  'queue.unavailable': 503,
  'queue.full': 429,
  'flow.tooLarge': 413,
  'config.invalid': 500,
  'config.redisEvictionPolicy': 500,
  'config.encryptionKeyMissing': 500,
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
  'request.invalidParameter': 'A header or query parameter is invalid',
  'request.idempotencyConflict': 'The idempotency key was used with another body',
  'request.keyInQuery': 'API keys go in the Authorization header',
  'request.rateLimited': 'Too many requests',
  'auth.unauthenticated': 'A valid API key is required',
  'auth.forbidden': 'The API key may not do this',
  'job.notFound': 'Job not found',
  'job.notDead': 'The job is not dead',
  'job.finished': 'The job has already finished',
  'queue.unavailable': 'The queue is unavailable',
  'queue.full': 'The queue is full',
  'flow.tooLarge': 'The flow has too many nodes',
  'config.invalid': 'The server is misconfigured',
  'config.redisEvictionPolicy': 'Redis may evict jobs',
  'config.encryptionKeyMissing': 'The encryption key is missing',
  'internal.error': 'Internal error',
};
