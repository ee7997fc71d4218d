export { useQueueFixture, type QueueFixture } from './queue-fixture';
export { FAST_RETRY_POLICY, testHandlers } from './test-handlers';
export { testJobContext } from './test-job-context';
export { sealV1 } from './seal-v1';
export { setRedisConfig } from './set-redis-config';
export { uniquePrefix } from './unique-prefix';
export { waitFor } from './wait-for';
export { countRedisCommands, scriptCallsSoFar } from './count-redis-commands';
export { TEST_CALLBACK_SECRET, useCallbackStore } from './use-callback-store';
// Parts of the lib that only tests reach from outside it: apps' specs seal,
// watch and reconcile directly, and check every key against its pattern.
export type { Consumer } from '../worker/start-consumer';
export { createPayloadCipher } from '../store/security/payload-cipher';
export { encryptionMarkerOf } from '../store/security/encryption-marker';
export { jobEventHubOf } from '../admin/events/job-event-hub';
export { keyPatternOf } from '../store/keys';
export { reconcileSchedules } from '../producer/schedules/reconcile-schedules';
