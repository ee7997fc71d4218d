import fc from 'fast-check';
import { jobStatuses } from '@errand/contracts';
import { bullStatesOf, toJobStatus, type BullState } from './job-status-map';

describe('toJobStatus', () => {
  it.each<[BullState, string]>([
    ['waiting', 'queued'],
    ['wait', 'queued'],
    ['prioritized', 'queued'],
    ['waiting-children', 'waiting'],
    ['delayed', 'scheduled'],
    ['active', 'running'],
    ['completed', 'succeeded'],
    ['failed', 'dead'],
  ])('maps BullMQ %j to %j for a job never tried', (state, status) => {
    expect(toJobStatus(state, 0)).toBe(status);
  });

  describe('when a delayed job has failed before', () => {
    it('is retrying, whatever the number of attempts made', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000 }), attemptsMade => {
          expect(toJobStatus('delayed', attemptsMade)).toBe('retrying');
        }),
      );
    });
  });

  describe('when the state is one Errand does not know', () => {
    it.each(['unknown', 'paused', ''])('maps %j to undefined', state => {
      expect(toJobStatus(state, 0)).toBeUndefined();
    });
  });
});

describe('bullStatesOf', () => {
  // `cancelled` has no BullMQ state (the test below): over its empty list
  // this loop would assert nothing, so it is left out rather than passed.
  const withStates = jobStatuses.filter(status => status !== 'cancelled');

  it.each(withStates)('reads only states that map back to %j', status => {
    expect.hasAssertions();
    const attemptsMade = status === 'retrying' ? 1 : 0;
    for (const state of bullStatesOf[status]) {
      expect(toJobStatus(state, attemptsMade)).toBe(status);
    }
  });

  it('reads some state for every status but cancelled', () => {
    const empty = jobStatuses.filter(s => bullStatesOf[s].length === 0);

    expect(empty).toEqual(['cancelled']);
  });
});
