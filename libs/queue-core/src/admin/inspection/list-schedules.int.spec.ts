import type { AnySchedule } from '@errand/contracts';
import { useQueueFixture } from '../../testing/index';
import { listSchedules } from './list-schedules';
import { reconcileSchedules } from '../../testing';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const file: AnySchedule[] = [
  { name: 'heartbeat', every: 60_000, type: 'system.noop', payload: {} },
  {
    name: 'digest',
    cron: '0 6 * * *',
    timezone: 'Europe/Paris',
    type: 'email.send',
    payload: { to: 'ops@example.com', subject: 'Digest', text: 'secret' },
    retries: 2,
    priority: 5,
  },
];

describe('listSchedules', () => {
  const fixture = useQueueFixture();

  it('is empty before any worker reconciled', async () => {
    expect(await listSchedules(fixture.queues)).toEqual([]);
  });

  it('lists each schedule by name with its definition and next run', async () => {
    const before = Date.now();
    await reconcileSchedules(fixture.queues, file);

    const listed = await listSchedules(fixture.queues);

    expect(listed).toEqual([
      {
        name: 'digest',
        type: 'email.send',
        cron: '0 6 * * *',
        timezone: 'Europe/Paris',
        payload: {
          to: 'ops@example.com',
          subject: 'Digest',
          text: '[redacted]',
        },
        retries: 2,
        priority: 5,
        nextRunAt: expect.stringMatching(ISO),
      },
      {
        name: 'heartbeat',
        type: 'system.noop',
        every: 60_000,
        payload: {},
        retries: 0,
        priority: 0,
        nextRunAt: expect.stringMatching(ISO),
      },
    ]);
    const [digest, heartbeat] = listed.map(s => Date.parse(s.nextRunAt ?? ''));
    // 06:00 in Paris is 04:00 or 05:00 UTC, within the next day.
    expect(new Date(digest).getUTCHours()).toBeGreaterThanOrEqual(4);
    expect(new Date(digest).getUTCHours()).toBeLessThanOrEqual(5);
    expect(digest - before).toBeLessThanOrEqual(24 * 3_600_000);
    expect(heartbeat - before).toBeGreaterThanOrEqual(60_000);
    expect(heartbeat - before).toBeLessThan(61_000 + 5_000);
  });

  it("leaves out schedulers that are not Errand's", async () => {
    await fixture.queues.runWithDeadline(() =>
      fixture.queues
        .queueFor('system.noop')
        .upsertJobScheduler(
          'made-by-hand',
          { every: 60_000 },
          { name: 'system.noop', data: {} },
        ),
    );

    expect(await listSchedules(fixture.queues)).toEqual([]);
  });
});
