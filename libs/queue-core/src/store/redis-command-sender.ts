import type { Cluster } from 'ioredis';
import type { JobStore } from './job-store';
import { isCluster } from './connection/open-redis';

/** A value Redis may answer a command with, as a rate-limit store sees it. */
export type RedisReply =
  boolean | number | string | (boolean | number | string)[];

/**
 * A raw-command function over the queues' own connection, under their
 * deadline, in the shape Redis-backed middleware (`rate-limit-redis`'s
 * `sendCommand`) takes: apps get Redis without importing a client.
 *
 * In a Redis Cluster, `SCRIPT LOAD` goes to every master: a cluster client
 * sends a keyless command to one node, and the `EVALSHA` that follows runs
 * on whichever master holds its key, which would answer NOSCRIPT.
 */
export function redisCommandSender(
  queues: JobStore,
): (...args: string[]) => Promise<RedisReply> {
  return (command, ...args) =>
    queues.runWithDeadline(() => {
      const connection = queues.connection;
      if (
        isCluster(connection) &&
        command.toUpperCase() === 'SCRIPT' &&
        args[0]?.toUpperCase() === 'LOAD'
      ) {
        const masters = (connection as unknown as Cluster).nodes('master');
        return Promise.all(
          masters.map(node => node.call(command, ...args)),
        ).then(shas => shas[0] as RedisReply);
      }
      return connection.call(command, ...args) as Promise<RedisReply>;
    });
}
