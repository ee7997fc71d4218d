import type { Cluster, Redis } from 'ioredis';

/** How long an ended client waits before it connects again. */
const RECONNECT_AFTER_MS = 200;

/**
 * Makes `client` connect again whenever it reaches `end` without having been
 * closed by its owner, and does the same for every client duplicated from it
 * (BullMQ duplicates the worker's connection for its blocking reads).
 *
 * ioredis gives up for good in states its retry strategy never sees: under
 * Sentinel, a `+switch-master` heard while the connector is mid-reconnect
 * goes `connecting -> end` ("Failover detected, disconnecting"), and nothing
 * brings it back; the API then answered 503 until it was restarted. A client
 * closed through `quit()` or `disconnect()` stays closed.
 */
export function recoverOnEnd<T extends Redis | Cluster>(client: T): T {
  let closedByOwner = false;
  const patchable = client as unknown as {
    quit: (...args: unknown[]) => Promise<'OK'>;
    disconnect: (reconnect?: boolean) => void;
    duplicate: (...args: unknown[]) => T;
  };
  const quit = patchable.quit.bind(client);
  patchable.quit = (...args) => {
    closedByOwner = true;
    return quit(...args);
  };
  const disconnect = patchable.disconnect.bind(client);
  patchable.disconnect = (reconnect = false) => {
    // ioredis calls disconnect(true) itself to reconnect: not a close.
    if (!reconnect) closedByOwner = true;
    disconnect(reconnect);
  };
  const duplicate = patchable.duplicate.bind(client);
  patchable.duplicate = (...args) => recoverOnEnd(duplicate(...args));

  client.on('end', () => {
    if (closedByOwner) return;
    setTimeout(() => {
      if (closedByOwner || client.status !== 'end') return;
      // Fails only when already connecting; the next `end` tries again.
      client.connect().catch(() => undefined);
    }, RECONNECT_AFTER_MS).unref();
  });
  return client;
}
