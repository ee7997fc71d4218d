import { resolveLogFormat } from './log-format';

describe('resolveLogFormat', () => {
  it('takes LOG_FORMAT when it is set', () => {
    expect(resolveLogFormat('json', true, 'development')).toBe('json');
    expect(resolveLogFormat('pretty', false, 'production')).toBe('pretty');
  });

  it('is pretty for a terminal in development', () => {
    expect(resolveLogFormat(undefined, true, undefined)).toBe('pretty');
    expect(resolveLogFormat(undefined, true, 'development')).toBe('pretty');
  });

  it('is JSON when stdout is not a terminal, or in production', () => {
    expect(resolveLogFormat(undefined, false, 'development')).toBe('json');
    expect(resolveLogFormat(undefined, true, 'production')).toBe('json');
  });
});
