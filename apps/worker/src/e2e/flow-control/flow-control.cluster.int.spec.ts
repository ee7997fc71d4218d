import { describeFlowControl } from '../../testing/flow-control/flow-control.cases';

describe('flow control on a three-master Redis Cluster, two worker processes', () => {
  describeFlowControl('cluster');
});
