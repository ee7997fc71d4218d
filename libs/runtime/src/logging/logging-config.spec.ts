import { Type } from '@sinclair/typebox';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { LoggingConfig } from './logging-config';

const Logging = Type.Object(LoggingConfig);

describe('LoggingConfig', () => {
  it('leaves LOG_FORMAT and LOG_FILE unset by default', () => {
    expect(loadConfig(Logging, {})).toEqual({ LOG_LEVEL: 'info' });
  });

  it.each(['json', 'pretty'])('takes LOG_FORMAT=%s', format => {
    expect(loadConfig(Logging, { LOG_FORMAT: format }).LOG_FORMAT).toBe(format);
  });

  it('refuses another LOG_FORMAT, naming the variable', () => {
    expect(() => loadConfig(Logging, { LOG_FORMAT: 'xml' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig(Logging, { LOG_FORMAT: 'xml' })).toThrow(
      /LOG_FORMAT/,
    );
  });
});
