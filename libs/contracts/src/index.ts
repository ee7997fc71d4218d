export {
  defineJob,
  type JobDefaults,
  type JobDefinition,
  type Upcaster,
} from './catalog/job-definition';
export { isSensitive, sensitive, SENSITIVE } from './catalog/sensitive';
export {
  isJobType,
  jobCatalog,
  jobTypes,
  type JobCatalog,
  type JobType,
  type PayloadOf,
  type ResultOf,
} from './catalog/job-catalog';
export { isJobStatus, jobStatuses, JobStatus } from './catalog/job-status';
export { EmailSendPayload, EmailSendResult } from './jobs/email-send.job';
export { SystemFailPayload, SystemFailResult } from './jobs/system-fail.job';
export { SystemNoopPayload, SystemNoopResult } from './jobs/system-noop.job';
export { SystemSleepPayload, SystemSleepResult } from './jobs/system-sleep.job';
export {
  EnqueueRequest,
  LOWEST_PRIORITY,
  MAX_DELAY_MS,
  MAX_RETRIES,
} from './http/enqueue-request';
export { EnqueueAccepted } from './http/enqueue-accepted';
export { JobError, JobView } from './http/job-view';
export { StatusCounts, TypeStats, TypeStatsList } from './http/queue-stats';
export { JobTypeList, JobTypeView } from './http/job-type-view';
export { Liveness, Readiness } from './http/health-status';
export { Problem } from './http/problem';
export { FieldIssue } from './errors/field-issue';
export { ErrorCode } from './errors/error-code';
export { ErrandError } from './errors/errand-error';
export {
  ContractViolationError,
  type ContractViolationCode,
} from './errors/contract-violation-error';
export { UnknownJobTypeError } from './errors/unknown-job-type-error';
export {
  parseJobType,
  parsePayload,
  parsePayloadWith,
} from './validation/parse-payload';
export {
  parseEnqueueRequest,
  type EnqueueOptions,
  type ValidEnqueueRequest,
} from './validation/parse-enqueue-request';
export { MissingUpcasterError } from './errors/missing-upcaster-error';
export { hasSensitive, mapSensitive } from './validation/map-sensitive';
export { REDACTED, redactPayload } from './validation/redact-payload';
export { sensitivePayloadSchemaOf } from './validation/sensitive-payload-schema';
export { upcastPayload } from './validation/upcast-payload';
export {
  buildOpenApiDocument,
  type OpenApiDocumentOptions,
} from './openapi/build-openapi-document';
export type {
  HttpMethod,
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiResponse,
} from './openapi/openapi-object';
export { describeJobTypes } from './openapi/describe-job-types';
