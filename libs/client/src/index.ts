export type { ErrandClientOptions } from './client-options';
export {
  createErrandClient,
  type BatchJob,
  type ClientEnqueueOptions,
  type ErrandClient,
} from './create-errand-client';
export type { ErrandFlows } from './flows/flows-client';
export {
  ClientErrorCode,
  type ErrandClientErrorCode,
} from './errors/client-error-code';
export {
  ErrandClientError,
  type ErrandClientErrorDetails,
} from './errors/errand-client-error';
export {
  CALLBACK_TOLERANCE_SECONDS,
  verifyCallbackSignature,
  type VerifyCallbackOptions,
} from './callbacks/verify-callback-signature';
export type {
  CallbackEvent,
  EnqueueAccepted,
  EnqueueBatchAccepted,
  EnqueueOptions,
  FieldIssue,
  FlowAccepted,
  FlowView,
  JobType,
  JobView,
  PayloadOf,
  Problem,
  TypedFlowChain,
  TypedFlowNode,
} from '@errand/contracts';
