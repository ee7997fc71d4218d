import { ConfigError, loadConfig } from '@errand/runtime';
import { ApiConfig } from './config';

/** The variable names a failed load complains about. */
function rejectedVariables(env: Record<string, string>): string[] {
  try {
    loadConfig(ApiConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map(i => i.path);
    throw error;
  }
  throw new Error('The configuration loaded');
}

describe('ApiConfig', () => {
  describe('when nothing is set', () => {
    it('fills in the documented defaults', () => {
      expect(loadConfig(ApiConfig, {})).toEqual({
        REDIS_URL: 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: 'errand',
        FLOW_SHARDS: 3,
        LOG_LEVEL: 'info',
        OTEL_SERVICE_NAME: 'errand-api',
        PORT: 8000,
        BODY_LIMIT: '64kb',
        IDEMPOTENCY_WINDOW_MS: 86_400_000,
        QUEUE_CAP: 100_000,
        ALLOW_NO_API_KEYS: false,
        COMPAT_ROUTES: true,
        RATE_LIMIT_PER_MINUTE: 600,
        AUTH_FAILURE_LIMIT: 20,
        AUTH_FAILURE_WINDOW_MS: 900_000,
        EVENT_STREAMS_PER_KEY: 20,
        EVENT_STREAMS_PER_PROCESS: 500,
        EVENT_STREAM_MAX_MS: 900_000,
        FLOW_MAX_NODES: 10_000,
        FLOW_MAX_DEPTH: 10,
        REDIS_SKIP_EVICTION_CHECK: false,
        PAYLOAD_ENCRYPTION_OPEN_V1: true,
        RETENTION_DEAD_AGE_S: 604_800,
        RETENTION_DEAD_COUNT: 10_000,
        RETENTION_SUCCEEDED_AGE_S: 86_400,
        RETENTION_SUCCEEDED_COUNT: 1_000,
      });
    });
  });

  describe('when the variables are valid', () => {
    it('turns the compatibility routes off with COMPAT_ROUTES=false', () => {
      expect(
        loadConfig(ApiConfig, { COMPAT_ROUTES: 'false' }).COMPAT_ROUTES,
      ).toBe(false);
    });

    it('turns PORT into a number and keeps BODY_LIMIT as written', () => {
      expect(
        loadConfig(ApiConfig, { PORT: '3000', BODY_LIMIT: '1mb' }),
      ).toMatchObject({ PORT: 3000, BODY_LIMIT: '1mb' });
    });
  });

  describe('when a variable is bad', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '0'],
      ['PORT', '65536'],
      ['BODY_LIMIT', '1gb'],
      ['BODY_LIMIT', 'lots'],
      ['REDIS_URL', 'localhost:6379'],
      ['IDEMPOTENCY_WINDOW_MS', '999'],
      ['IDEMPOTENCY_WINDOW_MS', 'a day'],
    ])('rejects %s=%p naming just that variable', (name, value) => {
      expect(rejectedVariables({ [name]: value })).toEqual([name]);
    });

    it('says what PORT takes', () => {
      expect(() => loadConfig(ApiConfig, { PORT: 'abc' })).toThrow(
        /PORT: Expected integer \(got "abc"\)\. The HTTP port, 1-65535\./,
      );
    });
  });
});
