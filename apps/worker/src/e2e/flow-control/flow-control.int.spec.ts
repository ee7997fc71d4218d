import { describeFlowControl } from '../../testing/flow-control/flow-control.cases';

describe('flow control on one Redis, two worker processes', () => {
  describeFlowControl('single');
});
