import { ContractViolationError } from '@errand/contracts';
import { refuseCallbacksWhenOff } from './refuse-callbacks-when-off';

describe('refuseCallbacksWhenOff', () => {
  const callback = { url: 'https://example.com/cb' };

  describe('when the process has no signing secret', () => {
    it('names the callback of each request that asks for one', () => {
      const refuse = () =>
        refuseCallbacksWhenOff(
          {},
          [{}, { callback }, { callback }],
          index => `/jobs/${index}`,
        );

      expect(refuse).toThrow(ContractViolationError);
      expect(refuse).toThrow(
        expect.objectContaining({
          issues: [
            expect.objectContaining({ path: '/jobs/1/callback' }),
            expect.objectContaining({ path: '/jobs/2/callback' }),
          ],
        }),
      );
    });

    it('lets requests without a callback through', () => {
      expect(() => refuseCallbacksWhenOff({}, [{}, {}])).not.toThrow();
    });
  });

  describe('when it has one', () => {
    it('lets callbacks through', () => {
      expect(() =>
        refuseCallbacksWhenOff({ callbackSecret: 'x'.repeat(16) }, [
          { callback },
        ]),
      ).not.toThrow();
    });
  });
});
