import { LOWEST_PRIORITY, MAX_RETRIES } from '../http/enqueue-request';
import { isJobType, jobCatalog, jobTypes } from './job-catalog';

describe('jobCatalog', () => {
  it('lists the built-in types first, in catalog order', () => {
    // Types added with `nx g @errand/tools:job-type` follow them.
    expect(jobTypes.slice(0, 4)).toEqual([
      'email.send',
      'system.noop',
      'system.sleep',
      'system.fail',
    ]);
  });

  describe.each(jobTypes)('the %s type', type => {
    const definition = jobCatalog[type];

    it('has a dotted, lower-case name without a colon', () => {
      expect(type).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    });

    it('has a description', () => {
      expect(definition.description.trim().length).toBeGreaterThan(10);
    });

    it('defaults to 0 to 25 retries', () => {
      const { retries } = definition.defaults;

      expect(Number.isInteger(retries)).toBe(true);
      expect(retries).toBeGreaterThanOrEqual(0);
      expect(retries).toBeLessThanOrEqual(MAX_RETRIES);
    });

    it('defaults to a priority a request could ask for', () => {
      const { priority } = definition.defaults;

      expect(priority).toBeGreaterThanOrEqual(0);
      expect(priority).toBeLessThanOrEqual(LOWEST_PRIORITY);
    });

    it('defaults to a positive timeout', () => {
      expect(definition.defaults.timeoutMs).toBeGreaterThan(0);
    });

    it('closes its payload and result schemas to extra properties', () => {
      expect(definition.payload.additionalProperties).toBe(false);
      expect(definition.result.additionalProperties).toBe(false);
    });
  });
});

describe('isJobType', () => {
  it('accepts every catalog type', () => {
    expect(jobTypes.every(isJobType)).toBe(true);
  });

  it.each(['no.such.type', 'constructor', 'hasOwnProperty'])(
    'rejects %j, including names every object inherits',
    value => {
      expect(isJobType(value)).toBe(false);
    },
  );
});
