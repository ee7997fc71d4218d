import { Redis, type RedisOptions } from 'ioredis';

/**
 * Who holds the connection decides how it behaves when Redis goes away:
 * - `producer` (API, inspector) fails fast: commands are never queued while
 *   disconnected, so a request gets a 503 at once instead of hanging;
 * - `worker` waits: commands queue up and retry forever, so consumers ride
 *   out a Redis restart without being restarted themselves (BullMQ's
 *   "going to production" settings).
 * Both reconnect in the background.
 */
export type ConnectionRole = 'producer' | 'worker';

const roleOptions: Record<ConnectionRole, RedisOptions> = {
  producer: {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    retryStrategy: times => Math.min(times * 100, 1_000),
  },
  worker: {
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    retryStrategy: times => Math.min(times * 200, 2_000),
  },
};

/** Opens an ioredis connection for `role` to the server at `url`. */
export function createRedisConnection(
  role: ConnectionRole,
  url: string,
): Redis {
  return new Redis(url, {
    ...roleOptions[role],
    connectionName: `errand-${role}`,
    // Closing a client whose socket is already gone waits this long for a
    // 'close' that never comes; the default 2 s would delay every exit
    // during an outage.
    disconnectTimeout: 100,
    // TLS comes from a rediss:// URL; ioredis reads it there.
  });
}
