export { RedisConfig, redisUrlFrom } from './store/connection/redis-config';
export { authFailureKeyPrefix, rateLimitKeyPrefix } from './store/keys';
export { JobStore } from './store/job-store';
export {
  catalogLimitDefaults,
  limitDefaultsFrom,
  LimitsConfig,
  type LimitDefaults,
} from './store/limits/limits-config';
export {
  getJobTypeLimits,
  resetJobTypeLimits,
  setJobTypeLimits,
} from './admin/limits/job-type-limits-admin';
export { readFlowStates } from './admin/limits/read-flow-state';
export { enqueueJob } from './producer/enqueue-job';
export {
  enqueueIdempotently,
  type IdempotentOutcome,
} from './producer/idempotency/enqueue-idempotently';
export {
  DEV_IDEMPOTENCY_SECRET,
  deriveIdempotencySecret,
} from './producer/idempotency/idempotency-secret';
export { enqueueBatch } from './producer/enqueue-batch';
export { enqueueFlow } from './producer/enqueue-flow';
export { enqueueFlowIdempotently } from './producer/idempotency/enqueue-flow-idempotently';
export { readFlow } from './admin/flows/read-flow';
export { cancelFlow } from './admin/flows/cancel-flow';
export { watchFlow } from './admin/flows/watch-flow';
export { RetentionConfig, retentionFrom } from './store/retention-config';
export { CallbackConfig } from './store/callback/callback-config';
export { retryDeadJob } from './admin/dead-letter/retry-dead-job';
export { listDeadJobs } from './admin/dead-letter/list-dead-jobs';
export { replayDeadJobs } from './admin/dead-letter/replay-dead-jobs';
export { cancelJob, type Cancellation } from './admin/operations/cancel-job';
export { getJobView } from './store/find-job';
export { listJobs } from './admin/inspection/list-jobs';
export { countJobs } from './admin/inspection/count-jobs';
export { closeJobEvents } from './admin/events/job-event-hub';
export { watchJob } from './admin/events/watch-job';
export {
  countJobStates,
  type TypeStatusCounts,
} from './admin/inspection/count-job-states';
export { listSchedules } from './admin/inspection/list-schedules';
export { startScheduleReconciler } from './producer/schedules/start-schedule-reconciler';
export type { SettledEvent } from './worker/process-job';
export { startConsumer } from './worker/start-consumer';
export { JobNotFoundError } from './store/errors/job-not-found-error';
export {
  EncryptionConfig,
  payloadCipherFrom,
} from './store/security/encryption-config';
export { recordEncryptionOn } from './store/security/encryption-marker';
export { refuseClearSensitive } from './store/security/refuse-clear-sensitive';
export { resealJobs, type ResealResult } from './admin/operations/reseal-jobs';
export {
  admitJobs,
  DEFAULT_QUEUE_CAP,
  type AdmissionLimits,
} from './producer/admission';
export { findJobOwner } from './admin/inspection/job-owner';
export { redisCommandSender } from './store/redis-command-sender';
export { probeWritable } from './store/probe-writable';
export { EvictionCheckConfig } from './store/connection/check-eviction-policy';
export { prepareRedisAtStart } from './store/connection/prepare-redis-at-start';
export { createDashboardRouter } from './admin/dashboard/create-dashboard-router';
export {
  isSessionRevoked,
  revokeSession,
} from './admin/dashboard/revoked-sessions';
export { explainJob } from './admin/inspection/explain-job-reader';
export { listLiveWorkers } from './admin/operations/live-workers';
export {
  pauseQueue,
  queueStates,
  resumeQueue,
} from './admin/operations/pause-queue';
export {
  cleanJobs,
  purgeDeadJobs,
  type CleanRequest,
} from './admin/operations/clean-jobs';
export type { AuditRecord } from './admin/audit/audit-entry';
export { readAuditLog, recordAudit } from './admin/audit/audit-log';
