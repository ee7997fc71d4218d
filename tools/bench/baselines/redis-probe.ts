/**
 * What the bench reads from Redis directly: memory, how many jobs are
 * still pending, and when each job started. Bench-only observers; the apps
 * under test carry no code for them.
 */
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';

/** A plain connection for INFO, FLUSHALL and list lengths. */
export class RedisProbe {
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  }

  /** `used_memory` from INFO memory, in bytes. */
  async usedMemory(): Promise<number> {
    const info = await this.redis.info('memory');
    const match = /^used_memory:(\d+)/m.exec(info);
    if (!match) throw new Error('INFO memory has no used_memory');
    return Number(match[1]);
  }

  /**
   * Commands Redis has run so far, from INFO commandstats, leaving out the
   * bench's own (INFO, LLEN, FLUSHALL).
   */
  async commandCalls(): Promise<number> {
    const info = await this.redis.info('commandstats');
    let calls = 0;
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      if (!['info', 'llen', 'flushall'].includes(match[1])) {
        calls += Number(match[2]);
      }
    }
    return calls;
  }

  /**
   * Microseconds Redis has spent running commands so far, from INFO
   * commandstats, leaving out the bench's own as {@link commandCalls} does,
   * and EXEC, whose time is its queued commands', counted under their own
   * names. Wall time inside Redis: a descheduled Redis counts too.
   */
  async commandMicros(): Promise<number> {
    const info = await this.redis.info('commandstats');
    let micros = 0;
    for (const match of info.matchAll(
      /^cmdstat_([^:]+):calls=\d+,usec=(\d+)/gm,
    )) {
      if (!['info', 'llen', 'flushall', 'exec'].includes(match[1])) {
        micros += Number(match[2]);
      }
    }
    return micros;
  }

  /** `MEMORY USAGE` of one key, all of it counted; 0 when it is absent. */
  async keyMemory(key: string): Promise<number> {
    const bytes = await this.redis.memory('USAGE', key, 'SAMPLES', 0);
    return Number(bytes ?? 0);
  }

  /** `CONFIG SET` one parameter; resolves with the value it had. */
  async setConfig(name: string, value: string): Promise<string> {
    const [, was] = (await this.redis.config('GET', name)) as string[];
    await this.redis.config('SET', name, value);
    return was;
  }

  /** Empties Redis between measurements. */
  async flush(): Promise<void> {
    await this.redis.flushall();
  }

  /** The summed length of `lists` (e.g. a queue's wait and active lists). */
  async pending(lists: readonly string[]): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const key of lists) pipeline.llen(key);
    const results = (await pipeline.exec()) ?? [];
    return results.reduce((sum, [, n]) => sum + Number(n ?? 0), 0);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** Job starts seen on one BullMQ queue's event stream. */
export interface StartWatch {
  /** Job id → when a worker took it (ms since the epoch, Redis clock). */
  starts: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Follows a queue's event stream and notes when each job went active: the
 * `active` event is written by the script that hands the job to a worker,
 * and its stream id is the time it ran. For Errand the handler starts after
 * only decode and validation, microseconds later; for raw BullMQ, at once.
 */
export async function watchStarts(
  redisUrl: string,
  prefix: string,
  queueName: string,
): Promise<StartWatch> {
  const events = new QueueEvents(queueName, {
    connection: { url: redisUrl },
    prefix,
    blockingTimeout: 1_000,
    // From now, not from whenever the first XREAD happens to be sent.
    lastEventId: `${Date.now()}-0`,
  });
  const starts = new Map<string, number>();
  events.on('active', ({ jobId }, id) => {
    starts.set(jobId, Number(id.split('-')[0]));
  });
  await events.waitUntilReady();
  return { starts, close: () => events.close() };
}
