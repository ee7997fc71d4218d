export { findFreePort } from './find-free-port';
export {
  RedisServerStartError,
  startRedisServer,
  type RedisServer,
  type RedisServerOptions,
} from './start-redis-server';
