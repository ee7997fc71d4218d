import type { JobStore } from '../../store/job-store';
import { revokedSessionKey } from '../../store/keys';

/**
 * Ends the dashboard session `id` on every replica: it is remembered as
 * revoked until `expiresAt` (ms since the epoch), when the session would
 * have expired anyway, so Redis holds no more than the live sessions.
 */
export async function revokeSession(
  queues: JobStore,
  id: string,
  expiresAt: number,
): Promise<void> {
  const ttlMs = Math.ceil(expiresAt - Date.now());
  if (ttlMs <= 0) return;
  await queues.runWithDeadline(() =>
    queues.connection.set(
      revokedSessionKey(queues.naming, id),
      '1',
      'PX',
      ttlMs,
    ),
  );
}

/** True when {@link revokeSession} ended the session `id`. */
export async function isSessionRevoked(
  queues: JobStore,
  id: string,
): Promise<boolean> {
  const found = await queues.runWithDeadline(() =>
    queues.connection.exists(revokedSessionKey(queues.naming, id)),
  );
  return found > 0;
}
