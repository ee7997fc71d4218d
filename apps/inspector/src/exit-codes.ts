import type { ErrorCode } from '@errand/contracts';

/** Exit codes scripts can branch on; documented in docs/inspector.md. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  unavailable: 3,
  notFound: 4,
  conflict: 5,
} as const;

/** The one translation of error codes into exit codes. */
export const exitCodeOf: Record<ErrorCode, number> = {
  'contract.invalidRequest': ExitCode.usage,
  'contract.invalidPayload': ExitCode.usage,
  'contract.unknownJobType': ExitCode.usage,
  'contract.missingUpcaster': ExitCode.failure,
  'request.malformedJson': ExitCode.usage,
  'request.unsupportedMediaType': ExitCode.usage,
  'request.bodyTooLarge': ExitCode.usage,
  'request.routeNotFound': ExitCode.usage,
  'request.invalidParameter': ExitCode.usage,
  'request.idempotencyConflict': ExitCode.conflict,
  'request.keyInQuery': ExitCode.usage,
  'request.rateLimited': ExitCode.unavailable,
  'auth.unauthenticated': ExitCode.usage,
  'auth.forbidden': ExitCode.usage,
  'job.notFound': ExitCode.notFound,
  'job.notDead': ExitCode.conflict,
  'job.finished': ExitCode.conflict,
  'queue.unavailable': ExitCode.unavailable,
  'queue.full': ExitCode.unavailable,
  'flow.tooLarge': ExitCode.usage,
  'config.invalid': ExitCode.usage,
  'config.redisEvictionPolicy': ExitCode.failure,
  // A configuration to fix, as for config.invalid: nothing was written.
  'config.encryptionKeyMissing': ExitCode.usage,
  'internal.error': ExitCode.failure,
};
