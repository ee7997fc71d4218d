import type { Redis } from 'ioredis';

/**
 * Keeps the leases of the key slots held in this process alive while
 * their jobs run: one timer per connection and lease length renews every
 * live slot at each half lease, rather than a timer made and cleared per
 * job. A slot taken just after a tick is renewed at most half a lease
 * later, before its lease ends, and the key's running set is kept from
 * expiring with it; a dead process renews nothing, so its slots lapse
 * within a lease.
 */

/** One running job's slot: its key's running set and its id. */
export interface SlotLease {
  running: string;
  jobId: string;
}

interface Renewal {
  timer: NodeJS.Timeout;
  leases: Set<SlotLease>;
}

const renewals = new WeakMap<Redis, Map<number, Renewal>>();

/** Renews `lease` every half `leaseMs` until {@link dropLease}. */
export function keepLease(
  connection: Redis,
  leaseMs: number,
  lease: SlotLease,
): void {
  let byLength = renewals.get(connection);
  if (!byLength) {
    byLength = new Map();
    renewals.set(connection, byLength);
  }
  let renewal = byLength.get(leaseMs);
  if (!renewal) {
    const leases = new Set<SlotLease>();
    const timer = setInterval(() => {
      const leaseEnd = Date.now() + leaseMs;
      for (const { running, jobId } of leases) {
        // The set's own expiry too (two leases, set by the take): without
        // it a job running longer than that lost its slot with the set.
        connection.zadd(running, 'XX', leaseEnd, jobId).catch(() => undefined);
        connection.pexpire(running, leaseMs * 2).catch(() => undefined);
      }
    }, leaseMs / 2);
    timer.unref();
    renewal = { timer, leases };
    byLength.set(leaseMs, renewal);
  }
  renewal.leases.add(lease);
}

/** Stops renewing `lease`; the last one stops its timer. */
export function dropLease(
  connection: Redis,
  leaseMs: number,
  lease: SlotLease,
): void {
  const byLength = renewals.get(connection);
  const renewal = byLength?.get(leaseMs);
  if (!renewal) return;
  renewal.leases.delete(lease);
  if (renewal.leases.size === 0) {
    clearInterval(renewal.timer);
    byLength?.delete(leaseMs);
  }
}
