import { Redis } from 'ioredis';
import { parseRedisUrl } from './redis-target';

/** How often the sentinels are asked. */
const POLL_MS = 1_000;
/**
 * How long a lower count must hold, with no failover under way or just
 * done, before it is believed. During and right after a failover the
 * sentinels list replicas as `disconnected` or down while clients may still
 * be writing to the old master: a count that dropped then would let the old
 * master's remaining replica confirm writes that the promotion discards
 * (a long manual failover lost 1 182 acknowledged jobs that way when the
 * drop was believed after 5 s). A demoted master is converted to a replica
 * up to ~10 s after the switch.
 */
const DEFAULT_SETTLE_MS = 15_000;

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
  private masterAddress: string | undefined;

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
      const answer = await this.ask();
      if (answer) {
        this.observe({ ...answer, seen: Math.max(1, answer.seen) });
      }
    } finally {
      this.polling = false;
    }
  }

  /**
   * The first sentinel's answer that comes; undefined when none does.
   * `changing` while the master is down or being replaced, or its address
   * differs from the last answer's.
   */
  private async ask(): Promise<
    { seen: number; changing: boolean } | undefined
  > {
    for (const sentinel of this.sentinels) {
      try {
        const [master, replicas] = (await Promise.all([
          sentinel.call('SENTINEL', 'MASTER', this.masterName),
          sentinel.call('SENTINEL', 'REPLICAS', this.masterName),
        ])) as [string[], string[][]];
        const field = (fields: string[], name: string) =>
          fields[fields.indexOf(name) + 1] ?? '';
        const address = `${field(master, 'ip')}:${field(master, 'port')}`;
        const moved =
          this.masterAddress !== undefined && address !== this.masterAddress;
        this.masterAddress = address;
        return {
          seen: replicas.filter(
            fields => !UNPROMOTABLE.test(field(fields, 'flags')),
          ).length,
          changing:
            moved ||
            /s_down|o_down|failover_in_progress/.test(field(master, 'flags')),
        };
      } catch {
        // Try the next sentinel.
      }
    }
    return undefined;
  }

  private observe({
    seen,
    changing,
  }: {
    seen: number;
    changing: boolean;
  }): void {
    const now = Date.now();
    if (changing && this.count !== undefined) {
      // Nothing lower is believed until the topology has been still for
      // a whole settling period.
      this.lowerSince = undefined;
      if (seen > this.count) this.count = seen;
      return;
    }
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
