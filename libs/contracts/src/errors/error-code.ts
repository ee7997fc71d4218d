/**
 * Every error code Errand renders, namespaced by where it starts. The codes
 * are a public, stable API: the HTTP API maps each one to a status, the
 * inspector to an exit code, and scripts branch on them.
 */
export const ErrorCode = {
  invalidRequest: 'contract.invalidRequest',
  invalidPayload: 'contract.invalidPayload',
  unknownJobType: 'contract.unknownJobType',
  missingUpcaster: 'contract.missingUpcaster',
  malformedJson: 'request.malformedJson',
  unsupportedMediaType: 'request.unsupportedMediaType',
  bodyTooLarge: 'request.bodyTooLarge',
  routeNotFound: 'request.routeNotFound',
  invalidParameter: 'request.invalidParameter',
  idempotencyConflict: 'request.idempotencyConflict',
  keyInQuery: 'request.keyInQuery',
  rateLimited: 'request.rateLimited',
  unauthenticated: 'auth.unauthenticated',
  forbidden: 'auth.forbidden',
  jobNotFound: 'job.notFound',
  jobNotDead: 'job.notDead',
  jobFinished: 'job.finished',
  queueUnavailable: 'queue.unavailable',
  queueFull: 'queue.full',
  flowTooLarge: 'flow.tooLarge',
  configInvalid: 'config.invalid',
  redisEvictionPolicy: 'config.redisEvictionPolicy',
  encryptionKeyMissing: 'config.encryptionKeyMissing',
  internal: 'internal.error',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
