export type { ErrandClientOptions } from './client-options';
export {
  createErrandClient,
  type BatchJob,
  type ClientEnqueueOptions,
  type ErrandClient,
} from './create-errand-client';
export {
  ClientErrorCode,
  type ErrandClientErrorCode,
} from './errors/client-error-code';
export {
  ErrandClientError,
  type ErrandClientErrorDetails,
} from './errors/errand-client-error';
export type {
  EnqueueAccepted,
  EnqueueBatchAccepted,
  EnqueueOptions,
  FieldIssue,
  JobType,
  JobView,
  PayloadOf,
  Problem,
} from '@errand/contracts';
