import { jobCatalog, jobTypes, type BackoffPolicy } from '@errand/contracts';
import type { CatalogLike } from './catalog-like';
import { createBackoffStrategy } from './backoff-strategy';
import { ERRAND_BACKOFF, type RetryPolicy } from '../store/retry/retry-policy';

const global: RetryPolicy = { baseMs: 100, capMs: 1_000, jitter: 0 };

function catalogWith(backoff: BackoffPolicy): CatalogLike {
  const noop = jobCatalog['system.noop'];
  return {
    ...jobCatalog,
    'system.noop': { ...noop, defaults: { ...noop.defaults, backoff } },
  };
}

const job = (name: string) => ({ name }) as never;
const failure = new Error('boom');

describe('createBackoffStrategy', () => {
  describe("when a type's defaults name a fixed backoff", () => {
    const strategy = createBackoffStrategy({
      catalog: catalogWith({ strategy: 'fixed', delayMs: 250, jitter: 0 }),
      types: jobTypes,
      retryPolicy: global,
    });

    it('waits that for every attempt of the type', async () => {
      for (const attempt of [1, 2, 5]) {
        expect(
          await strategy(attempt, ERRAND_BACKOFF, failure, job('system.noop')),
        ).toBe(250);
      }
    });

    it('uses the global policy for the other types', async () => {
      expect(
        await strategy(3, ERRAND_BACKOFF, failure, job('system.fail')),
      ).toBe(400);
    });
  });

  it('uses the global policy for a name the catalog does not know', async () => {
    const strategy = createBackoffStrategy({
      catalog: jobCatalog,
      types: jobTypes,
      retryPolicy: global,
    });

    expect(await strategy(2, ERRAND_BACKOFF, failure, job('sms.send'))).toBe(
      200,
    );
  });

  it('answers 0 for a backoff type that is not Errand’s', async () => {
    const strategy = createBackoffStrategy({
      catalog: jobCatalog,
      types: jobTypes,
      retryPolicy: global,
    });

    expect(await strategy(2, 'other', failure, job('system.noop'))).toBe(0);
  });

  describe('when a type names a custom backoff', () => {
    const catalog = catalogWith({ strategy: 'custom', name: 'by-error' });

    it('calls the registered function', async () => {
      const strategy = createBackoffStrategy({
        catalog,
        types: jobTypes,
        retryPolicy: global,
        strategies: {
          'by-error': (attempt, error) =>
            error.message === 'rate limited' ? 60_000 : attempt,
        },
      });

      expect(
        await strategy(
          1,
          ERRAND_BACKOFF,
          new Error('rate limited'),
          job('system.noop'),
        ),
      ).toBe(60_000);
    });

    it('refuses to start without it, naming the type', () => {
      expect(() =>
        createBackoffStrategy({
          catalog,
          types: jobTypes,
          retryPolicy: global,
        }),
      ).toThrow(
        expect.objectContaining({
          code: 'config.invalid',
          message: expect.stringContaining('system.noop'),
        }),
      );
    });

    it('starts when the type is not served here', () => {
      expect(() =>
        createBackoffStrategy({
          catalog,
          types: ['email.send'],
          retryPolicy: global,
        }),
      ).not.toThrow();
    });
  });
});
