import type { ErrorCode } from '@errand/contracts';

/** Exit codes scripts can branch on; documented in the README. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  unavailable: 5,
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
  'job.notFound': ExitCode.notFound,
  'job.notDead': ExitCode.conflict,
  'queue.unavailable': ExitCode.unavailable,
  'config.invalid': ExitCode.usage,
  'internal.error': ExitCode.failure,
};
