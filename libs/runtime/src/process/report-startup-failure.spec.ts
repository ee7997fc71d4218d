import { ErrandError } from '@errand/contracts';
import { ConfigError } from '../config/config-error';
import { reportStartupFailure } from './report-startup-failure';

describe('reportStartupFailure', () => {
  let exit: jest.SpyInstance;
  let printError: jest.SpyInstance;

  beforeEach(() => {
    exit = jest
      .spyOn(process, 'exit')
      .mockImplementation((() => undefined) as never);
    printError = jest
      .spyOn(console, 'error')
      .mockImplementation(() => undefined);
  });

  afterEach(() => {
    exit.mockRestore();
    printError.mockRestore();
  });

  describe('when Errand raised the error on purpose', () => {
    it('prints its message and code only, and exits 1', () => {
      const error = new ConfigError([{ path: 'PORT', message: 'too big' }]);

      reportStartupFailure(error);

      expect(error).toBeInstanceOf(ErrandError);
      expect(printError).toHaveBeenCalledWith(
        'Invalid configuration:\n  PORT: too big [config.invalid]',
      );
      expect(exit).toHaveBeenCalledWith(1);
    });
  });

  describe('when the error is unexpected', () => {
    it('prints the error itself, stack included, and exits 1', () => {
      const error = new TypeError('undefined is not a function');

      reportStartupFailure(error);

      expect(printError).toHaveBeenCalledWith(error);
      expect(exit).toHaveBeenCalledWith(1);
    });
  });
});
