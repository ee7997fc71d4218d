import { describeLimitChange } from '../../testing/flow-control/limit-change.cases';

describe('a limit changed through the API while jobs are queued, two worker processes on one Redis', () => {
  describeLimitChange('single');
});
