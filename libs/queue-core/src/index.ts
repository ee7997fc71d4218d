export { RedisConfig, redisUrlFrom } from './store/connection/redis-config';
export {
  isClusterUrl,
  maskPassword,
  parseRedisUrl,
  RedisUrlError,
  type RedisNode,
  type RedisTarget,
} from './store/connection/redis-target';
export type { ConnectionRole } from './store/connection/create-redis-connection';
export {
  DEFAULT_QUEUE_PREFIX,
  queueNameFor,
  type QueueNaming,
} from './store/queue-name';
export {
  authFailureKeyPrefix,
  keyPatternOf,
  rateLimitKeyPrefix,
  type KeyPattern,
} from './store/keys';
export { JobStore, type JobStoreOptions } from './store/job-store';
export { enqueueJob, type EnqueueJobOptions } from './producer/enqueue-job';
export {
  DEFAULT_IDEMPOTENCY_WINDOW_MS,
  enqueueIdempotently,
  type IdempotentEnqueue,
  type IdempotentOutcome,
} from './producer/idempotency/enqueue-idempotently';
export { IdempotencyConflictError } from './producer/idempotency/idempotency-conflict-error';
export {
  DEV_IDEMPOTENCY_SECRET,
  deriveIdempotencySecret,
} from './producer/idempotency/idempotency-secret';
export { enqueueBatch } from './producer/enqueue-batch';
export { SUCCEEDED_RETENTION } from './store/job-options';
export { exponential, fixed, withJitter } from './store/retry/backoff';
export {
  attemptsFor,
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type RetryPolicy,
} from './store/retry/retry-policy';
export { backoffDelay, type CustomBackoff } from './worker/backoff-policy';
export {
  DEFAULT_RETENTION,
  type KeepLimit,
  type Retention,
} from './store/job-options';
export { RetentionConfig, retentionFrom } from './store/retention-config';
export { DEAD_LETTER_RETENTION } from './store/dead-letter-rules';
export { retryDeadJob } from './admin/dead-letter/retry-dead-job';
export {
  listDeadJobs,
  type DeadJobFilter,
  type DeadJobPage,
} from './admin/dead-letter/list-dead-jobs';
export {
  replayDeadJobs,
  type ReplayOptions,
  type StartedReplay,
} from './admin/dead-letter/replay-dead-jobs';
export { mergePatch } from './admin/dead-letter/merge-patch';
export { cancelJob, type Cancellation } from './admin/operations/cancel-job';
export { FINISHED_RETENTION } from './store/job-options';
export { getJobView } from './store/find-job';
export type { ViewOptions } from './store/to-job-view';
export {
  listJobs,
  SCAN_BUDGET,
  type JobFilter,
  type JobPage,
} from './admin/inspection/list-jobs';
export { countJobs } from './admin/inspection/count-jobs';
export {
  closeJobEvents,
  jobEventHubOf,
  type JobEventHub,
} from './admin/events/job-event-hub';
export {
  TERMINAL_STATUSES,
  watchJob,
  type JobWatch,
  type JobWatchListener,
} from './admin/events/watch-job';
export {
  countJobStates,
  type TypeStatusCounts,
} from './admin/inspection/count-job-states';
export {
  reconcileSchedules,
  type ReconcileOptions,
  type ScheduleChange,
} from './producer/schedules/reconcile-schedules';
export { checkSchedules } from './producer/schedules/check-schedules';
export { listSchedules } from './admin/inspection/list-schedules';
export {
  startScheduleReconciler,
  type ScheduleReconciler,
  type ScheduleReconcilerOptions,
} from './producer/schedules/start-schedule-reconciler';
export { isScheduledRunId, SCHEDULE_ID_PREFIX } from './store/schedule-id';
export type { CatalogLike } from './worker/catalog-like';
export type { ConsumerHooks, SettledEvent } from './worker/process-job';
export { NEWER_VERSION_SNOOZE_MS } from './worker/prepare-payload';
export type { Settlement } from './worker/settle-outcome';
export {
  startConsumer,
  type Consumer,
  type ConsumerOptions,
} from './worker/start-consumer';
export { JobTimeoutError } from './worker/job-timeout-error';
export { TIMEOUT_GRACE_MS } from './worker/run-with-timeout';
export { JobCancelledError } from './store/errors/job-cancelled-error';
export { QueueUnavailableError } from './store/errors/queue-unavailable-error';
export { JobNotFoundError } from './store/errors/job-not-found-error';
export { JobNotDeadError } from './store/errors/job-not-dead-error';
export { JobFinishedError } from './store/errors/job-finished-error';
export {
  createPayloadCipher,
  PayloadDecryptionError,
  type CipherOptions,
  type PayloadCipher,
  type SealScope,
  type SealingKey,
} from './store/security/payload-cipher';
export {
  EncryptionConfig,
  payloadCipherFrom,
  type EncryptionSettings,
} from './store/security/encryption-config';
export { EncryptionKeyMissingError } from './store/security/encryption-key-missing-error';
export {
  encryptionMarkerOf,
  recordEncryptionOn,
} from './store/security/encryption-marker';
export {
  clearSensitivePaths,
  refuseClearSensitive,
} from './store/security/refuse-clear-sensitive';
export {
  resealJobs,
  type ResealFailure,
  type ResealOptions,
  type ResealResult,
} from './admin/operations/reseal-jobs';
export {
  admitJobs,
  DEFAULT_QUEUE_CAP,
  type AdmissionLimits,
} from './producer/admission';
export { QueueFullError } from './store/errors/queue-full-error';
export { findJobOwner } from './admin/inspection/job-owner';
export {
  redisCommandSender,
  type RedisReply,
} from './store/redis-command-sender';
export { probeWritable } from './store/probe-writable';
export {
  checkEvictionPolicy,
  EvictionCheckConfig,
  type EvictionCheck,
} from './store/connection/check-eviction-policy';
export {
  RedisEvictionPolicyError,
  SKIP_EVICTION_CHECK,
} from './store/connection/redis-eviction-policy-error';
export {
  createDashboardRouter,
  type DashboardHandler,
  type DashboardOptions,
} from './admin/dashboard/create-dashboard-router';
export {
  isSessionRevoked,
  revokeSession,
} from './admin/dashboard/revoked-sessions';
export {
  explainJobFacts,
  jobReasons,
  type JobExplanation,
  type JobFacts,
  type JobReason,
} from './admin/inspection/explain-job';
export {
  explainJob,
  readJobFacts,
} from './admin/inspection/explain-job-reader';
export {
  listLiveWorkers,
  type LiveWorker,
} from './admin/operations/live-workers';
export {
  pauseQueue,
  queueStates,
  resumeQueue,
  type QueueState,
} from './admin/operations/pause-queue';
export {
  cleanJobs,
  purgeDeadJobs,
  type CleanRequest,
  type CleanResult,
} from './admin/operations/clean-jobs';
export type { AuditEntry, AuditRecord } from './admin/audit/audit-entry';
export {
  AUDIT_ENTRIES_KEPT,
  readAuditLog,
  recordAudit,
} from './admin/audit/audit-log';
