export { findFreePort } from './find-free-port';
export {
  ROOT,
  startProcess,
  type BenchProcess,
  type StartOptions,
} from './start-process';
export {
  RedisServerStartError,
  startRedisServer,
  type RedisServer,
  type RedisServerOptions,
} from './start-redis-server';
export {
  startRedisCluster,
  type RedisCluster,
  type RedisClusterOptions,
} from './start-redis-cluster';
export {
  startRedisSentinels,
  type RedisSentinelGroup,
  type RedisSentinelOptions,
} from './start-redis-sentinels';
