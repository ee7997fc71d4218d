import { Redis } from 'ioredis';
import { parseRedisUrl } from './redis-target';

/** How often the sentinels are asked. */
const POLL_MS = 1_000;
/**
 * How long a lower count must hold before it is believed. Right after a
 * failover the sentinels list the new master's replicas as `disconnected`
 * for a moment, while clients may still be writing to the old master: a
 * count that dropped then would let the old master's remaining replica
 * confirm writes that the promotion discards.
 */
const DEFAULT_SETTLE_MS = 5_000;

/** Flags of a replica the sentinels would not promote (ioredis' filter). */
const UNPROMOTABLE = /(disconnected|s_down|o_down)/;

/** Options for {@link PromotableReplicas}. */
export interface PromotableReplicasOptions {
  /** @defaultValue 5 000 ms */
  settleMs?: number;
}

/**
 * How many replicas of the master the sentinels could promote right now,
 * asked every second, so that a `WAIT` for that many leaves no replica a
 * failover could pick without the write. A replica that joins counts at
 * once; one that leaves (or is found down) stops counting only after the
 * count has stayed lower for `settleMs`. Never less than 1: a master alone
 * cannot promise that a write outlives it.
 */
export class PromotableReplicas {
  private count: number | undefined;
  private lowerSince: number | undefined;
  private readonly sentinels: Redis[];
  private readonly masterName: string;
  private readonly settleMs: number;
  private readonly timer: NodeJS.Timeout;
  private polling = false;

  constructor(sentinelUrl: string, options: PromotableReplicasOptions = {}) {
    const target = parseRedisUrl(sentinelUrl);
    if (target.topology !== 'sentinel') {
      throw new Error('PromotableReplicas needs a redis+sentinel:// URL.');
    }
    this.masterName = target.masterName;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.sentinels = target.sentinels.map(node => {
      const sentinel = new Redis({
        host: node.host,
        port: node.port,
        username: target.sentinelUsername,
        password: target.sentinelPassword,
        tls: target.tls ? {} : undefined,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 1_000,
        retryStrategy: times => Math.min(times * 200, 2_000),
      });
      sentinel.on('error', () => undefined);
      return sentinel;
    });
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
    void this.poll();
  }

  /** The replicas to WAIT for; undefined until the sentinels first answer. */
  current(): number | undefined {
    return this.count;
  }

  /** Stops asking and closes the sentinel connections. */
  close(): void {
    clearInterval(this.timer);
    for (const sentinel of this.sentinels) sentinel.disconnect();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const seen = await this.ask();
      if (seen !== undefined) this.observe(Math.max(1, seen));
    } finally {
      this.polling = false;
    }
  }

  /** The first sentinel's answer that comes; undefined when none does. */
  private async ask(): Promise<number | undefined> {
    for (const sentinel of this.sentinels) {
      try {
        const replicas = (await sentinel.call(
          'SENTINEL',
          'REPLICAS',
          this.masterName,
        )) as string[][];
        return replicas.filter(fields => {
          const flags = fields[fields.indexOf('flags') + 1] ?? '';
          return !UNPROMOTABLE.test(flags);
        }).length;
      } catch {
        // Try the next sentinel.
      }
    }
    return undefined;
  }

  private observe(seen: number): void {
    const now = Date.now();
    if (this.count === undefined || seen >= this.count) {
      this.count = seen;
      this.lowerSince = undefined;
      return;
    }
    this.lowerSince ??= now;
    if (now - this.lowerSince >= this.settleMs) {
      this.count = seen;
      this.lowerSince = undefined;
    }
  }
}
