export { RedisConfig } from './connection/redis-config';
export type { ConnectionRole } from './connection/create-redis-connection';
export {
  DEFAULT_QUEUE_PREFIX,
  queueNameFor,
  type QueueNaming,
} from './naming/queue-name';
export { QueueSet, type QueueSetOptions } from './queues/queue-set';
export { enqueueJob } from './producer/enqueue-job';
export { SUCCEEDED_RETENTION } from './producer/job-options';
export { exponential, fixed, withJitter } from './retry/backoff';
export {
  attemptsFor,
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type RetryPolicy,
} from './retry/retry-policy';
export { DEAD_LETTER_RETENTION } from './dead-letter/dead-letter-rules';
export { retryDeadJob } from './dead-letter/retry-dead-job';
export { getJobView } from './inspection/find-job';
export type { ViewOptions } from './inspection/to-job-view';
export { listJobs, type JobFilter } from './inspection/list-jobs';
export { countJobs } from './inspection/count-jobs';
export {
  completed,
  discard,
  MAX_SNOOZE_MS,
  retry,
  snooze,
  type Outcome,
} from './consumer/outcome';
export type {
  HandlerMap,
  JobContext,
  JobHandler,
} from './consumer/job-handler';
export {
  NEWER_VERSION_SNOOZE_MS,
  type CatalogLike,
  type ConsumerHooks,
  type SettledEvent,
} from './consumer/process-job';
export type { Settlement } from './consumer/settle-outcome';
export {
  startConsumer,
  type Consumer,
  type ConsumerOptions,
} from './consumer/start-consumer';
export { JobTimeoutError } from './consumer/job-timeout-error';
export { QueueUnavailableError } from './errors/queue-unavailable-error';
export { JobNotFoundError } from './errors/job-not-found-error';
export { JobNotDeadError } from './errors/job-not-dead-error';
export {
  createPayloadCipher,
  PayloadDecryptionError,
  type PayloadCipher,
} from './security/payload-cipher';
export {
  EncryptionConfig,
  payloadCipherFrom,
} from './security/encryption-config';
