import { ConfigError } from '@errand/runtime';
import { parseQueueCaps } from './queue-caps';

describe('parseQueueCaps', () => {
  it('reads a JSON object of caps by job type', () => {
    expect(parseQueueCaps('{"email.send": 5000, "system.noop": 1}')).toEqual({
      'email.send': 5000,
      'system.noop': 1,
    });
  });

  it('reads nothing from an unset variable', () => {
    expect(parseQueueCaps(undefined)).toEqual({});
  });

  it.each([
    ['not json', 'not JSON'],
    ['[1, 2]', 'use a JSON object'],
    ['{"sms.send": 5}', '"sms.send" is not a job type'],
    ['{"email.send": 0}', 'at least 1'],
    ['{"email.send": 2.5}', 'whole number'],
  ])('refuses %s naming QUEUE_CAPS', (text, message) => {
    let error: unknown;
    try {
      parseQueueCaps(text);
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0].path).toBe('QUEUE_CAPS');
    expect((error as ConfigError).message).toContain(message);
  });
});
