import { describeKeyedFlow } from '../../testing/flow-control/keyed-flow.cases';

describe('a flow whose children share a concurrencyKey, two worker processes on a three-master Redis Cluster', () => {
  describeKeyedFlow('cluster');
});
