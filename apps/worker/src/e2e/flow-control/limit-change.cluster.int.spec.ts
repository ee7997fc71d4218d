import { describeLimitChange } from '../../testing/flow-control/limit-change.cases';

describe('a limit changed through the API while jobs are queued, two worker processes on a three-master Redis Cluster', () => {
  describeLimitChange('cluster');
});
