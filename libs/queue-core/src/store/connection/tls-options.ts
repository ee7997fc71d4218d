import { readFileSync } from 'node:fs';
import type { RedisOptions } from 'ioredis';

/**
 * The variable naming a PEM file of the CA (or CAs) that signed the Redis
 * server's certificate, for a private CA that Node does not trust already.
 * `NODE_EXTRA_CA_CERTS` does the same for every TLS connection of the
 * process; this one only for Redis.
 */
export const REDIS_TLS_CA_FILE = 'REDIS_TLS_CA_FILE';

/** Read once per file: every connection of a process shares the bytes. */
const caCache = new Map<string, Buffer>();

/**
 * TLS options for a `rediss://` URL: the CA from {@link REDIS_TLS_CA_FILE}
 * when it is set, with the server's name still checked against its
 * certificate. Nothing for a `redis://` URL (the options would turn TLS on)
 * or without the variable (ioredis then trusts Node's CAs). A file that
 * cannot be read throws at once, naming it, rather than failing every
 * connection with a certificate error later.
 *
 * Only a single server's URL: the Cluster and Sentinel clients build their
 * own TLS options (open-redis.ts); use `NODE_EXTRA_CA_CERTS` there.
 */
export function redisTlsOptions(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): Pick<RedisOptions, 'tls'> {
  const file = env[REDIS_TLS_CA_FILE];
  if (!file || !/^rediss:\/\//i.test(url)) return {};
  let ca = caCache.get(file);
  if (!ca) {
    try {
      ca = readFileSync(file);
    } catch (error) {
      throw new Error(
        `${REDIS_TLS_CA_FILE}=${file} cannot be read: ${(error as Error).message}`,
      );
    }
    caCache.set(file, ca);
  }
  return { tls: { ca } };
}
