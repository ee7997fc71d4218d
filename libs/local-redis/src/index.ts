export { findFreePort } from './find-free-port';
export { ROOT, startProcess, type BenchProcess } from './start-process';
export { startRedisServer, type RedisServer } from './start-redis-server';
export { startRedisCluster, type RedisCluster } from './start-redis-cluster';
export {
  startRedisSentinels,
  type RedisSentinelGroup,
} from './start-redis-sentinels';
