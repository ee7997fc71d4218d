export {
  useQueueFixture,
  type FixtureConsumerOptions,
  type QueueFixture,
} from './queue-fixture';
export { FAST_RETRY_POLICY, testHandlers } from './test-handlers';
export { testJobContext, type ReportedProgress } from './test-job-context';
export { sealV1 } from './seal-v1';
export { setRedisConfig } from './set-redis-config';
export { uniquePrefix } from './unique-prefix';
export { waitFor } from './wait-for';
export { countRedisCommands } from './count-redis-commands';
