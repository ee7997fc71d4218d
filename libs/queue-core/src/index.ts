export { RedisConfig, redisUrlFrom } from './connection/redis-config';
export {
  isClusterUrl,
  maskPassword,
  parseRedisUrl,
  RedisUrlError,
  type RedisNode,
  type RedisTarget,
} from './connection/redis-target';
export type { ConnectionRole } from './connection/create-redis-connection';
export {
  DEFAULT_QUEUE_PREFIX,
  queueNameFor,
  type QueueNaming,
} from './naming/queue-name';
export { QueueSet, type QueueSetOptions } from './queues/queue-set';
export { enqueueJob, type EnqueueJobOptions } from './producer/enqueue-job';
export {
  DEFAULT_IDEMPOTENCY_WINDOW_MS,
  enqueueIdempotently,
  type IdempotentEnqueue,
  type IdempotentOutcome,
} from './idempotency/enqueue-idempotently';
export { IdempotencyConflictError } from './idempotency/idempotency-conflict-error';
export {
  DEV_IDEMPOTENCY_SECRET,
  deriveIdempotencySecret,
} from './idempotency/idempotency-secret';
export { enqueueBatch } from './producer/enqueue-batch';
export { SUCCEEDED_RETENTION } from './producer/job-options';
export { exponential, fixed, withJitter } from './retry/backoff';
export {
  attemptsFor,
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type RetryPolicy,
} from './retry/retry-policy';
export { backoffDelay, type CustomBackoff } from './retry/backoff-policy';
export {
  DEFAULT_RETENTION,
  type KeepLimit,
  type Retention,
} from './producer/job-options';
export { RetentionConfig, retentionFrom } from './producer/retention-config';
export { DEAD_LETTER_RETENTION } from './dead-letter/dead-letter-rules';
export { retryDeadJob } from './dead-letter/retry-dead-job';
export {
  listDeadJobs,
  type DeadJobFilter,
  type DeadJobPage,
} from './dead-letter/list-dead-jobs';
export {
  replayDeadJobs,
  type ReplayOptions,
  type StartedReplay,
} from './dead-letter/replay-dead-jobs';
export { mergePatch } from './dead-letter/merge-patch';
export { cancelJob, type Cancellation } from './cancel/cancel-job';
export { FINISHED_RETENTION } from './producer/job-options';
export { getJobView } from './inspection/find-job';
export type { ViewOptions } from './inspection/to-job-view';
export {
  listJobs,
  SCAN_BUDGET,
  type JobFilter,
  type JobPage,
} from './inspection/list-jobs';
export { countJobs } from './inspection/count-jobs';
export {
  closeJobEvents,
  jobEventHubOf,
  type JobEventHub,
} from './events/job-event-hub';
export {
  TERMINAL_STATUSES,
  watchJob,
  type JobWatch,
  type JobWatchListener,
} from './events/watch-job';
export {
  countJobStates,
  type TypeStatusCounts,
} from './inspection/count-job-states';
export {
  reconcileSchedules,
  type ReconcileOptions,
  type ScheduleChange,
} from './schedules/reconcile-schedules';
export { checkSchedules } from './schedules/check-schedules';
export { listSchedules } from './schedules/list-schedules';
export {
  startScheduleReconciler,
  type ScheduleReconciler,
  type ScheduleReconcilerOptions,
} from './schedules/start-schedule-reconciler';
export { isScheduledRunId, SCHEDULE_ID_PREFIX } from './schedules/schedule-id';
export type {
  CatalogLike,
  ConsumerHooks,
  SettledEvent,
} from './consumer/process-job';
export { NEWER_VERSION_SNOOZE_MS } from './consumer/prepare-payload';
export type { Settlement } from './consumer/settle-outcome';
export {
  startConsumer,
  type Consumer,
  type ConsumerOptions,
} from './consumer/start-consumer';
export { JobTimeoutError } from './consumer/job-timeout-error';
export { TIMEOUT_GRACE_MS } from './consumer/run-with-timeout';
export { JobCancelledError } from './cancel/job-cancelled-error';
export { QueueUnavailableError } from './errors/queue-unavailable-error';
export { JobNotFoundError } from './errors/job-not-found-error';
export { JobNotDeadError } from './errors/job-not-dead-error';
export { JobFinishedError } from './errors/job-finished-error';
export {
  createPayloadCipher,
  PayloadDecryptionError,
  type CipherOptions,
  type PayloadCipher,
  type SealScope,
  type SealingKey,
} from './security/payload-cipher';
export {
  EncryptionConfig,
  payloadCipherFrom,
  type EncryptionSettings,
} from './security/encryption-config';
export { EncryptionKeyMissingError } from './security/encryption-key-missing-error';
export {
  encryptionMarkerOf,
  recordEncryptionOn,
} from './security/encryption-marker';
export {
  clearSensitivePaths,
  refuseClearSensitive,
} from './security/refuse-clear-sensitive';
export {
  resealJobs,
  type ResealFailure,
  type ResealOptions,
  type ResealResult,
} from './security/reseal-jobs';
export {
  admitJobs,
  DEFAULT_QUEUE_CAP,
  type AdmissionLimits,
} from './producer/admission';
export { QueueFullError } from './errors/queue-full-error';
export { findJobOwner } from './inspection/job-owner';
export {
  redisCommandSender,
  type RedisReply,
} from './connection/redis-command-sender';
export { probeWritable } from './connection/probe-writable';
export {
  checkEvictionPolicy,
  EvictionCheckConfig,
  type EvictionCheck,
} from './connection/check-eviction-policy';
export {
  RedisEvictionPolicyError,
  SKIP_EVICTION_CHECK,
} from './connection/redis-eviction-policy-error';
export {
  createDashboardRouter,
  type DashboardHandler,
  type DashboardOptions,
} from './dashboard/create-dashboard-router';
export { isSessionRevoked, revokeSession } from './dashboard/revoked-sessions';
export {
  explainJobFacts,
  jobReasons,
  type JobExplanation,
  type JobFacts,
  type JobReason,
} from './inspection/explain-job';
export { explainJob, readJobFacts } from './inspection/explain-job-reader';
export { listLiveWorkers, type LiveWorker } from './operations/live-workers';
export {
  pauseQueue,
  queueStates,
  resumeQueue,
  type QueueState,
} from './operations/pause-queue';
export {
  cleanJobs,
  purgeDeadJobs,
  type CleanRequest,
  type CleanResult,
} from './operations/clean-jobs';
export type { AuditEntry, AuditRecord } from './audit/audit-entry';
export {
  AUDIT_ENTRIES_KEPT,
  readAuditLog,
  recordAudit,
} from './audit/audit-log';
