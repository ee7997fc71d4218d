export {
  defineJob,
  type JobAlias,
  type BackoffPolicy,
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
export {
  completed,
  discard,
  MAX_SNOOZE_MS,
  retry,
  snooze,
  type Outcome,
} from './handler/outcome';
export type { HandlerMap, JobContext, JobHandler } from './handler/job-handler';
export {
  indexJobAliases,
  jobAliases,
  type ResolvedAlias,
} from './catalog/job-aliases';
export {
  parseRequestedPayload,
  resolveJobType,
  type ResolvedJobType,
} from './validation/resolve-job-type';
export {
  JobsAccepted,
  TaskAccepted,
  TasksRequest,
  TaskView,
} from './http/compat';
export {
  parseTasksRequest,
  tasksToEnqueueBody,
} from './validation/parse-tasks-request';
export {
  EmailAttachment,
  EmailSendPayload,
  EmailSendResult,
  MAX_EMAIL_ATTACHMENT_BYTES,
  MAX_EMAIL_RECIPIENTS,
} from './jobs/email-send.job';
export {
  WEBHOOK_EXCERPT_CHARS,
  WebhookDeliverPayload,
  WebhookDeliverResult,
} from './jobs/webhook-deliver.job';
export {
  ImageResizePayload,
  ImageResizeResult,
  MAX_IMAGE_SIDE,
  MAX_IMAGE_SOURCE_BYTES,
  MAX_OUTPUT_GROWTH,
  MAX_OUTPUT_PIXELS,
  MIN_OUTPUT_PIXEL_ALLOWANCE,
  type ImageFormat,
} from './jobs/image-resize.job';
export {
  PdfRenderPayload,
  PdfRenderResult,
  PdfTable,
} from './jobs/pdf-render.job';
export { isOutboundUrl } from './validation/outbound-url-format';
export {
  parseIpAddress,
  refusalOfAddress,
  type IpAddress,
} from './validation/public-address';
export { SystemFailPayload, SystemFailResult } from './jobs/system-fail.job';
export {
  jobTypeExtensions,
  type JobTypeExtension,
} from './catalog/job-type-extensions';
export { SystemNoopPayload, SystemNoopResult } from './jobs/system-noop.job';
export { SystemSleepPayload, SystemSleepResult } from './jobs/system-sleep.job';
export {
  EnqueueRequest,
  LOWEST_PRIORITY,
  MAX_DELAY_MS,
  MAX_RETRIES,
} from './http/enqueue-request';
export { EnqueueAccepted } from './http/enqueue-accepted';
export {
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
} from './http/idempotency-key';
export {
  EnqueueBatchAccepted,
  EnqueueBatchRequest,
  MAX_BATCH_JOBS,
} from './http/enqueue-batch';
export { JobError, JobView } from './http/job-view';
export {
  DEFAULT_JOB_PAGE,
  JobList,
  JobListQuery,
  MAX_JOB_PAGE,
} from './http/job-list';
export {
  parseJobListQuery,
  type ValidJobListQuery,
} from './validation/parse-job-list-query';
export {
  DEFAULT_DEAD_LETTER_PAGE,
  DEFAULT_REPLAY_RATE,
  DeadLetterPage,
  DeadLetterQuery,
  MAX_DEAD_LETTER_PAGE,
  MAX_REPLAY_JOBS,
  MAX_REPLAY_RATE,
  REPLAY_ANSWER_WITHIN_MS,
  ReplayedJob,
  ReplayRequest,
  ReplayResult,
  SkippedJob,
} from './http/dead-letter';
export {
  parseDeadLetterQuery,
  type ValidDeadLetterQuery,
} from './validation/parse-dead-letter-query';
export {
  parseReplayRequest,
  type ReplaySelection,
  type ValidReplayRequest,
} from './validation/parse-replay-request';
export {
  JobEvent,
  jobEventKinds,
  JobProgress,
  type JobEventKind,
} from './http/job-timeline';
export {
  FinishedCounts,
  StatusCounts,
  Throughput,
  TypeStats,
  TypeStatsList,
} from './http/queue-stats';
export { ScheduleList, ScheduleView } from './http/schedule-view';
export {
  CronScheduleDefinition,
  defineSchedule,
  EveryScheduleDefinition,
  MIN_EVERY_MS,
  ScheduleDefinition,
  ScheduleName,
  type AnySchedule,
  type Schedule,
  type ScheduleTiming,
} from './schedules/schedule-definition';
export { schedules } from './schedules/schedules';
export { isTimeZone, validateSchedules } from './schedules/validate-schedules';
export { InvalidScheduleError } from './schedules/invalid-schedule-error';
export { JobAliasView, JobTypeList, JobTypeView } from './http/job-type-view';
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
export { parseEnqueueBatch } from './validation/parse-enqueue-batch';
export { MissingUpcasterError } from './errors/missing-upcaster-error';
export { hasSensitive, mapSensitive } from './validation/map-sensitive';
export { REDACTED, redactPayload } from './validation/redact-payload';
export { sensitivePayloadSchemaOf } from './validation/sensitive-payload-schema';
export { upcastPayload } from './validation/upcast-payload';
export { describeJobTypes } from './catalog/describe-job-types';
export { toJsonSchema, type JsonSchema } from './catalog/to-json-schema';
