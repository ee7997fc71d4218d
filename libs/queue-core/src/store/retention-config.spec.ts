import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_RETENTION } from './job-options';
import { RetentionConfig, retentionFrom } from './retention-config';

const schema = Type.Object(RetentionConfig);

describe('RetentionConfig', () => {
  it('defaults to a day or 1 000, and 7 days or 10 000 for dead jobs', () => {
    expect(retentionFrom(Value.Default(schema, {}) as never)).toEqual(
      DEFAULT_RETENTION,
    );
  });

  it('reads each limit from its variable', () => {
    expect(
      retentionFrom({
        RETENTION_SUCCEEDED_AGE_S: 60,
        RETENTION_SUCCEEDED_COUNT: 10,
        RETENTION_DEAD_AGE_S: 3_600,
        RETENTION_DEAD_COUNT: 100,
      }),
    ).toEqual({
      finished: { age: 60, count: 10 },
      dead: { age: 3_600, count: 100 },
    });
  });

  it('refuses a limit below 1', () => {
    expect(
      Value.Check(schema, {
        RETENTION_SUCCEEDED_AGE_S: 60,
        RETENTION_SUCCEEDED_COUNT: 0,
        RETENTION_DEAD_AGE_S: 3_600,
        RETENTION_DEAD_COUNT: 100,
      }),
    ).toBe(false);
  });
});
