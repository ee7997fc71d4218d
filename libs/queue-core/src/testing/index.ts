export { FAST_RETRY_POLICY, testHandlers } from './test-handlers';
export { uniquePrefix } from './unique-prefix';
export { waitFor } from './wait-for';
