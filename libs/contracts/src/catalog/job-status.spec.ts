import { isJobStatus, jobStatuses } from './job-status';

describe('isJobStatus', () => {
  it.each([...jobStatuses])('accepts %j', status => {
    expect(isJobStatus(status)).toBe(true);
  });

  it.each(['', 'QUEUED', 'waiting-children', 'failed', 'completed', 'active'])(
    'rejects %j, which is not an Errand status',
    value => {
      expect(isJobStatus(value)).toBe(false);
    },
  );
});
