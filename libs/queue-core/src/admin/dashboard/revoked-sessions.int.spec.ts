import { useQueueFixture } from '../../testing/index';
import { isSessionRevoked, revokeSession } from './revoked-sessions';

describe('revoked dashboard sessions', () => {
  const fixture = useQueueFixture();

  it('are remembered until the session would have expired, and no longer', async () => {
    const expiresAt = Date.now() + 60_000;

    await revokeSession(fixture.queues, 'session-a', expiresAt);

    expect(await isSessionRevoked(fixture.queues, 'session-a')).toBe(true);
    expect(await isSessionRevoked(fixture.queues, 'session-b')).toBe(false);
    const keys = await fixture.queues.connection.keys(`${fixture.prefix}:*`);
    expect(keys).toEqual([`${fixture.prefix}:dashboard:revoked:session-a`]);
    const ttl = await fixture.queues.connection.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('stores nothing for a session that has already expired', async () => {
    await fixture.queues.ping();
    await revokeSession(fixture.queues, 'session-old', Date.now() - 1);

    expect(await fixture.queues.connection.keys(`${fixture.prefix}:*`)).toEqual(
      [],
    );
  });
});
