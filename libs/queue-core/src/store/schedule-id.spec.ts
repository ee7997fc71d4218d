import { isScheduledRunId, scheduleIdOf, scheduleNameOf } from './schedule-id';

describe('scheduleIdOf and scheduleNameOf', () => {
  it('mark a schedule name as Errand’s and read it back', () => {
    expect(scheduleIdOf('system.heartbeat')).toBe(
      'errand.schedule:system.heartbeat',
    );
    expect(scheduleNameOf(scheduleIdOf('weekly-digest'))).toBe('weekly-digest');
  });

  it('give no name for a scheduler Errand did not make', () => {
    expect(scheduleNameOf('made-by-hand')).toBeUndefined();
  });
});

describe('isScheduledRunId', () => {
  it.each([
    'repeat:errand.schedule:system.heartbeat:1795359600000',
    'repeat:errand.schedule:weekly-digest:1',
  ])('knows %s', id => {
    expect(isScheduledRunId(id)).toBe(true);
  });

  it.each([
    '0b9c4c5e-8a43-4f7e-9a59-3f0f1c2d3e4f',
    'repeat:made-by-hand:1795359600000',
    'repeat:errand.schedule:heartbeat:',
    'repeat:errand.schedule:Heartbeat:1',
  ])('does not know %s', id => {
    expect(isScheduledRunId(id)).toBe(false);
  });
});
