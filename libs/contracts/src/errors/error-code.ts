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
  jobNotFound: 'job.notFound',
  jobNotDead: 'job.notDead',
  queueUnavailable: 'queue.unavailable',
  configInvalid: 'config.invalid',
  internal: 'internal.error',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
