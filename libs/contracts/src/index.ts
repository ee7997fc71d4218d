export {
  type BackoffPolicy,
  type JobDefinition,
} from './catalog/job-definition';
export {
  isJobType,
  jobCatalog,
  jobTypes,
  type JobType,
  type PayloadOf,
} from './catalog/job-catalog';
export { jobStatuses, JobStatus } from './catalog/job-status';
export {
  completed,
  discard,
  retry,
  MAX_PROVIDER_PAUSE_MS,
  rateLimited,
  snooze,
  waitForChildren,
  type Outcome,
} from './handler/outcome';
export type { HandlerMap, JobContext, JobHandler } from './handler/job-handler';
export type { ChildOutcome } from './handler/child-outcome';
export { indexJobAliases, jobAliases } from './catalog/job-aliases';
export {
  JobsAccepted,
  TaskAccepted,
  TasksRequest,
  TaskView,
} from './http/compat';
export { parseTasksRequest } from './validation/parse-tasks-request';
export {
  EmailSendPayload,
  MAX_EMAIL_ATTACHMENT_BYTES,
} from './jobs/email-send.job';
export {
  WEBHOOK_EXCERPT_CHARS,
  WebhookDeliverResult,
} from './jobs/webhook-deliver.job';
export {
  ImageResizePayload,
  MAX_IMAGE_SOURCE_BYTES,
  MAX_OUTPUT_GROWTH,
  MAX_OUTPUT_PIXELS,
  MIN_OUTPUT_PIXEL_ALLOWANCE,
  type ImageFormat,
} from './jobs/image-resize.job';
export { PdfRenderPayload } from './jobs/pdf-render.job';
export { isOutboundUrl } from './validation/outbound-url-format';
export {
  parseIpAddress,
  refusalOfAddress,
  type IpAddress,
} from './validation/public-address';
export { jobTypeExtensions } from './catalog/job-type-extensions';
export { EnqueueRequest } from './http/enqueue-request';
export { EnqueueAccepted } from './http/enqueue-accepted';
export {
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
} from './http/idempotency-key';
export { EnqueueBatchAccepted, MAX_BATCH_JOBS } from './http/enqueue-batch';
export { JobView } from './http/job-view';
export { CallbackStatus, JobCallback } from './http/job-callback';
export { CallbackEvent } from './http/callback-event';
export {
  DEFAULT_FLOW_MAX_DEPTH,
  DEFAULT_FLOW_MAX_NODES,
  FlowChain,
  FlowStep,
  OnFailure,
  type TypedFlowChain,
  type TypedFlowNode,
  type TypedFlowStep,
} from './http/flow-request';
export { FlowAccepted, FlowNodeAccepted } from './http/flow-accepted';
export { FLOW_PAGE_SIZE, FlowNodeView, FlowView } from './http/flow-view';
export {
  parseFlowRequest,
  type FlowLimits,
  type ValidFlowNode,
} from './validation/parse-flow-request';
export { JobList, JobListQuery } from './http/job-list';
export { parseJobListQuery } from './validation/parse-job-list-query';
export {
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
export { parseDeadLetterQuery } from './validation/parse-dead-letter-query';
export {
  parseReplayRequest,
  type ReplaySelection,
  type ValidReplayRequest,
} from './validation/parse-replay-request';
export { JobEvent, JobProgress, type JobEventKind } from './http/job-timeline';
export {
  FinishedCounts,
  StatusCounts,
  TypeStats,
  TypeStatsList,
} from './http/queue-stats';
export { ScheduleList, ScheduleView } from './http/schedule-view';
export {
  ScheduleDefinition,
  type AnySchedule,
} from './schedules/schedule-definition';
export { schedules } from './schedules/schedules';
export { validateSchedules } from './schedules/validate-schedules';
export { InvalidScheduleError } from './schedules/invalid-schedule-error';
export { JobTypeList } from './http/job-type-view';
export {
  JobTypeLimits,
  JobTypeLimitsView,
  NO_LIMITS,
  type LimitsSource,
  type RateLimit,
} from './limits/job-type-limits';
export { parseJobTypeLimits } from './validation/parse-job-type-limits';
export { FlowState } from './limits/flow-state';
export { Liveness, Readiness } from './http/health-status';
export { Problem } from './http/problem';
export { FieldIssue } from './errors/field-issue';
export { ErrorCode } from './errors/error-code';
export { ErrandError } from './errors/errand-error';
export { ContractViolationError } from './errors/contract-violation-error';
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
export { mapSensitive } from './validation/map-sensitive';
export { REDACTED, redactPayload } from './validation/redact-payload';
export { sensitivePayloadSchemaOf } from './validation/sensitive-payload-schema';
export { upcastPayload } from './validation/upcast-payload';
export { describeJobTypes } from './catalog/describe-job-types';
export { toJsonSchema, type JsonSchema } from './catalog/to-json-schema';
// Named by no import, but by the Python client: its generated types call a
// nested schema by its export name here (tools/python-client/named-schemas.ts).
/** @public */
export { EmailAttachment } from './jobs/email-send.job';
/** @public */
export { PdfTable } from './jobs/pdf-render.job';
/** @public */
export { JobError } from './http/job-view';
/** @public */
export { ChildrenSummary } from './http/job-view';
