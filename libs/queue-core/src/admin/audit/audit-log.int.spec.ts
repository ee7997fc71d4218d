import { useQueueFixture } from '../../testing/index';
import { auditKey } from '../../store/keys';
import { readAuditLog, recordAudit } from './audit-log';

describe('the audit log against a real Redis', () => {
  const fixture = useQueueFixture();

  it('reads back what was recorded, newest first', async () => {
    await recordAudit(fixture.queues, {
      actor: 'alice',
      action: 'retry',
      count: 2,
      details: { ids: ['a', 'b'] },
    });
    await recordAudit(fixture.queues, {
      actor: 'bob',
      action: 'dlq.purge',
      count: 7,
      details: { olderThan: '7d' },
    });
    const entries = await readAuditLog(fixture.queues);
    expect(entries).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        actor: 'bob',
        action: 'dlq.purge',
        count: 7,
        details: { olderThan: '7d' },
      },
      expect.objectContaining({ actor: 'alice', details: { ids: ['a', 'b'] } }),
    ]);
  });

  it('keeps it under the queue prefix, hash-tagged for a cluster', () => {
    expect(auditKey({ prefix: 'p' })).toBe('p:audit');
    expect(auditKey({ prefix: 'p', hashTag: true })).toBe('p:{audit}');
  });

  it('honours the limit', async () => {
    for (let i = 0; i < 3; i += 1) {
      await recordAudit(fixture.queues, {
        actor: 'a',
        action: 'cancel',
        count: i,
        details: {},
      });
    }
    const entries = await readAuditLog(fixture.queues, 2);
    expect(entries.map(e => e.count)).toEqual([2, 1]);
  });
});
