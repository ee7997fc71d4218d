import { ConfigError, loadConfig } from '@errand/runtime';
import { WorkerConfig } from './config';

/** The variable names a failed load complains about. */
function rejectedVariables(env: Record<string, string>): string[] {
  try {
    loadConfig(WorkerConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map(i => i.path);
    throw error;
  }
  throw new Error('The configuration loaded');
}

describe('WorkerConfig', () => {
  describe('when nothing is set', () => {
    it('fills in the documented defaults', () => {
      expect(loadConfig(WorkerConfig, {})).toEqual({
        REDIS_URL: 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: 'errand',
        FLOW_SHARDS: 3,
        LOG_LEVEL: 'info',
        OTEL_SERVICE_NAME: 'errand-worker',
        METRICS_PORT: 8001,
        WORKER_CONCURRENCY: 10,
        SHUTDOWN_GRACE_MS: 30_000,
        WORKER_LOCK_DURATION_MS: 30_000,
        WORKER_STALLED_INTERVAL_MS: 30_000,
        WORKER_STALL_SWEEP_MS: 1_000,
        WORKER_MAX_STALLED_COUNT: 1,
        EMAIL_FROM: 'Errand <no-reply@errand.local>',
        OUTBOX_DIR: '.outbox',
        OUTPUT_DIR: '.output',
        OUTBOUND_ALLOWED_PORTS: '80,443',
        RETENTION_SUCCEEDED_AGE_S: 86_400,
        RETENTION_SUCCEEDED_COUNT: 1_000,
        RETENTION_DEAD_AGE_S: 604_800,
        RETENTION_DEAD_COUNT: 10_000,
        REDIS_SKIP_EVICTION_CHECK: false,
        PAYLOAD_ENCRYPTION_OPEN_V1: true,
        PROVIDER_PAUSE_MAX_MS: 3_600_000,
      });
    });
  });

  describe('the handler settings', () => {
    it('takes an SMTP URL and an allowlist', () => {
      const config = loadConfig(WorkerConfig, {
        SMTP_URL: 'smtp://user:pass@mail.internal:587',
        OUTBOUND_ALLOWLIST: '10.1.0.0/16, ::1',
      });

      expect(config.SMTP_URL).toBe('smtp://user:pass@mail.internal:587');
      expect(config.OUTBOUND_ALLOWLIST).toBe('10.1.0.0/16, ::1');
    });

    it('rejects an SMTP URL of another scheme and an allowlist of names', () => {
      expect(
        rejectedVariables({
          SMTP_URL: 'http://mail.internal',
          OUTBOUND_ALLOWLIST: 'localhost',
        }).sort(),
      ).toEqual(['OUTBOUND_ALLOWLIST', 'SMTP_URL']);
    });

    it('takes allowed ports and ranges, and rejects anything else', () => {
      const config = loadConfig(WorkerConfig, {
        OUTBOUND_ALLOWED_PORTS: '80,443, 8080,9000-9099',
      });

      expect(config.OUTBOUND_ALLOWED_PORTS).toBe('80,443, 8080,9000-9099');
      expect(rejectedVariables({ OUTBOUND_ALLOWED_PORTS: 'http' })).toEqual([
        'OUTBOUND_ALLOWED_PORTS',
      ]);
    });
  });

  describe('when the variables are valid', () => {
    it('turns the numbers and the list into typed values', () => {
      const config = loadConfig(WorkerConfig, {
        REDIS_URL: 'redis://10.0.0.5:6380/2',
        METRICS_PORT: '9100',
        WORKER_CONCURRENCY: '25',
        WORKER_TYPES: 'email.send,system.noop',
        SHUTDOWN_GRACE_MS: '0',
      });

      expect(config).toMatchObject({
        REDIS_URL: 'redis://10.0.0.5:6380/2',
        METRICS_PORT: 9100,
        WORKER_CONCURRENCY: 25,
        WORKER_TYPES: 'email.send,system.noop',
        SHUTDOWN_GRACE_MS: 0,
      });
    });
  });

  describe('when WORKER_CONCURRENCY is bad', () => {
    it.each(['abc', '0', '1001'])(
      'rejects %p, naming WORKER_CONCURRENCY and its range',
      value => {
        expect(() =>
          loadConfig(WorkerConfig, { WORKER_CONCURRENCY: value }),
        ).toThrow(
          expect.objectContaining({
            message: expect.stringMatching(
              new RegExp(`WORKER_CONCURRENCY: .*\\(got "${value}"\\).*1-1000`),
            ),
          }),
        );
      },
    );
  });

  describe('when other variables are bad', () => {
    it.each([
      ['METRICS_PORT', 'abc'],
      ['METRICS_PORT', '70000'],
      ['REDIS_URL', 'http://127.0.0.1:6379'],
      ['QUEUE_PREFIX', 'errand:jobs'],
      ['WORKER_TYPES', 'Email.Send'],
      ['SHUTDOWN_GRACE_MS', '-1'],
      ['LOG_LEVEL', 'loud'],
    ])('rejects %s=%p naming just that variable', (name, value) => {
      expect(rejectedVariables({ [name]: value })).toEqual([name]);
    });

    it('names every bad variable at once', () => {
      expect(
        rejectedVariables({ METRICS_PORT: 'abc', WORKER_CONCURRENCY: '0' }),
      ).toEqual(expect.arrayContaining(['METRICS_PORT', 'WORKER_CONCURRENCY']));
    });
  });
});
