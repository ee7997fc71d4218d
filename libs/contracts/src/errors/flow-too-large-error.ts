import { ErrandError } from './errand-error';
import { ErrorCode } from './error-code';

/** A flow with more nodes than the API's limit allows (413). */
export class FlowTooLargeError extends ErrandError {
  constructor(maxNodes: number) {
    super(
      ErrorCode.flowTooLarge,
      `The flow has more than ${maxNodes} nodes, the limit (FLOW_MAX_NODES); split it, or raise the limit.`,
    );
    this.name = 'FlowTooLargeError';
  }
}
