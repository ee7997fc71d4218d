import { redisUrlFrom } from './redis-config';
import {
  isClusterUrl,
  maskPassword,
  parseRedisUrl,
  RedisUrlError,
} from './redis-target';

describe('parseRedisUrl', () => {
  it('leaves a one-server URL to ioredis, TLS read from rediss://', () => {
    expect(parseRedisUrl('rediss://:pw@cache.internal:6380/2')).toEqual({
      topology: 'standalone',
      url: 'rediss://:pw@cache.internal:6380/2',
      tls: true,
    });
  });

  it('reads a cluster URL: seed nodes, credentials, TLS', () => {
    expect(
      parseRedisUrl('rediss+cluster://app:p%40ss@10.0.0.1:7000,10.0.0.2:7001'),
    ).toEqual({
      topology: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
      username: 'app',
      password: 'p@ss',
      tls: true,
    });
  });

  it('reads a sentinel URL: sentinels, master name, db and the sentinels’ password', () => {
    expect(
      parseRedisUrl(
        'redis+sentinel://:pw@s1:26379,[::1]:26380/mymaster/3?sentinelPassword=sp',
      ),
    ).toEqual({
      topology: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      masterName: 'mymaster',
      db: 3,
      username: undefined,
      password: 'pw',
      sentinelUsername: undefined,
      sentinelPassword: 'sp',
      tls: false,
    });
  });

  it.each([
    ['http://localhost:6379', /is not a redis:\/\//],
    [
      'redis+cluster://host-without-port',
      /"host-without-port" .* is not host:port/,
    ],
    ['redis+sentinel://s1:26379', /names no master/],
    ['redis+cluster://h:99999', /is not host:port/],
  ])('refuses %s, saying why', (url, message) => {
    expect(() => parseRedisUrl(url)).toThrow(RedisUrlError);
    expect(() => parseRedisUrl(url)).toThrow(message);
  });

  it('tells a cluster URL from the others', () => {
    expect(isClusterUrl('redis+cluster://h:1')).toBe(true);
    expect(isClusterUrl('rediss+cluster://h:1')).toBe(true);
    expect(isClusterUrl('redis://h:1')).toBe(false);
    expect(isClusterUrl('redis+sentinel://h:1/m')).toBe(false);
  });

  it('masks passwords for messages', () => {
    expect(
      maskPassword('redis+sentinel://u:secret@h:1/m?sentinelPassword=x'),
    ).toBe('redis+sentinel://u:***@h:1/m?sentinelPassword=***');
  });
});

describe('redisUrlFrom', () => {
  it('is REDIS_URL when no other topology is named', () => {
    expect(redisUrlFrom({ REDIS_URL: 'redis://r:6379' })).toBe(
      'redis://r:6379',
    );
  });

  it('builds a cluster URL from REDIS_CLUSTER_NODES, with credentials and TLS', () => {
    const url = redisUrlFrom({
      REDIS_URL: 'redis://ignored:6379',
      REDIS_CLUSTER_NODES: 'n1:7000,n2:7000',
      REDIS_USERNAME: 'app',
      REDIS_PASSWORD: 'p/w',
      REDIS_TLS: true,
    });

    expect(url).toBe('rediss+cluster://app:p%2Fw@n1:7000,n2:7000');
    expect(parseRedisUrl(url)).toMatchObject({ password: 'p/w', tls: true });
  });

  it('builds a sentinel URL from REDIS_SENTINELS and the master name', () => {
    const url = redisUrlFrom({
      REDIS_SENTINELS: 's1:26379,s2:26379',
      REDIS_SENTINEL_MASTER: 'mymaster',
      REDIS_PASSWORD: 'pw',
      REDIS_SENTINEL_PASSWORD: 's&p',
    });

    expect(parseRedisUrl(url)).toMatchObject({
      topology: 'sentinel',
      masterName: 'mymaster',
      password: 'pw',
      sentinelPassword: 's&p',
    });
  });

  it('refuses sentinels without a master name', () => {
    expect(() => redisUrlFrom({ REDIS_SENTINELS: 's1:26379' })).toThrow(
      /without REDIS_SENTINEL_MASTER/,
    );
  });
});
