/**
 * Where Redis is, as one URL, so every app, test and tool passes a single
 * string whatever the topology:
 *
 * - `redis://[user:pass@]host:port[/db]`, `rediss://…` for TLS: one server;
 * - `redis+cluster://[user:pass@]host1:port,host2:port`, `rediss+cluster://`
 *   for TLS: a Redis Cluster, reached through any of the seed nodes;
 * - `redis+sentinel://[user:pass@]host1:port,host2:port/<master>[/db]`
 *   `[?sentinelPassword=…&sentinelUsername=…]`, `rediss+sentinel://` for TLS
 *   to both the sentinels and the master: the master that the sentinels name.
 *
 * The user and password are those of the data nodes; sentinels often have
 * none or one of their own, hence the query parameters.
 */

/** One `host:port`. */
interface RedisNode {
  host: string;
  port: number;
}

/** Credentials and TLS, the same in every topology. */
interface RedisAccess {
  username?: string;
  password?: string;
  /** True for the `rediss` schemes. */
  tls: boolean;
}

/** A parsed Redis URL. */
export type RedisTarget =
  | ({ topology: 'standalone'; url: string } & RedisAccess)
  | ({ topology: 'cluster'; nodes: RedisNode[] } & RedisAccess)
  | ({
      topology: 'sentinel';
      sentinels: RedisNode[];
      /** The master's name as the sentinels know it. */
      masterName: string;
      db?: number;
      sentinelUsername?: string;
      sentinelPassword?: string;
    } & RedisAccess);

/** Thrown for a URL that names no usable target; says what is wrong. */
export class RedisUrlError extends Error {
  override name = 'RedisUrlError';
}

const MULTI_NODE =
  /^(rediss?)\+(cluster|sentinel):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/;

function parseNodes(list: string, url: string): RedisNode[] {
  return list.split(',').map(entry => {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry.trim());
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) {
      throw new RedisUrlError(
        `"${entry}" in ${maskPassword(url)} is not host:port.`,
      );
    }
    return { host: match[1] ?? '', port };
  });
}

const decoded = (value: string | undefined) =>
  value ? decodeURIComponent(value) : undefined;

/** Reads a Redis URL of any of the forms above. */
export function parseRedisUrl(url: string): RedisTarget {
  const match = MULTI_NODE.exec(url);
  if (!match) {
    if (!/^rediss?:\/\//.test(url)) {
      throw new RedisUrlError(
        `${maskPassword(url)} is not a redis://, rediss://, redis+cluster:// or redis+sentinel:// URL.`,
      );
    }
    return { topology: 'standalone', url, tls: url.startsWith('rediss:') };
  }
  const [, scheme, kind, user, pass, hosts = '', path = '', query] = match;
  const access: RedisAccess = {
    username: decoded(user),
    password: decoded(pass),
    tls: scheme === 'rediss',
  };
  if (kind === 'cluster') {
    return { topology: 'cluster', nodes: parseNodes(hosts, url), ...access };
  }
  const [masterName, db] = path.split('/');
  if (!masterName) {
    throw new RedisUrlError(
      `${maskPassword(url)} names no master: add /<master name> after the sentinels.`,
    );
  }
  const params = new URLSearchParams(query ?? '');
  return {
    topology: 'sentinel',
    sentinels: parseNodes(hosts, url),
    masterName: decodeURIComponent(masterName),
    db: db ? Number(db) : undefined,
    sentinelUsername: params.get('sentinelUsername') ?? undefined,
    sentinelPassword: params.get('sentinelPassword') ?? undefined,
    ...access,
  };
}

/** True for a `redis+cluster://` or `rediss+cluster://` URL. */
export function isClusterUrl(url: string): boolean {
  return /^rediss?\+cluster:\/\//.test(url);
}

/** The URL with its passwords replaced by `***`, for messages and logs. */
export function maskPassword(url: string): string {
  return url
    .replace(/(\/\/[^:@/]*:)[^@/]*@/, '$1***@')
    .replace(/(sentinelPassword=)[^&#]*/, '$1***');
}
