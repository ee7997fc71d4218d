import { Type } from '@sinclair/typebox';
import { DEFAULT_RETENTION, type Retention } from './job-options';

const seconds = (defaultValue: number, what: string) =>
  Type.Integer({
    default: defaultValue,
    minimum: 1,
    description: `Seconds ${what} are kept after they finish.`,
  });
const count = (defaultValue: number, what: string) =>
  Type.Integer({
    default: defaultValue,
    minimum: 1,
    description: `The newest this many ${what} per type are kept.`,
  });

/**
 * How long finished jobs are kept: both apps read it, since both store jobs
 * (the API on enqueue, the worker for its schedules and cancellations).
 */
export const RetentionConfig = {
  RETENTION_SUCCEEDED_AGE_S: seconds(
    DEFAULT_RETENTION.finished.age,
    'succeeded and cancelled jobs',
  ),
  RETENTION_SUCCEEDED_COUNT: count(
    DEFAULT_RETENTION.finished.count,
    'succeeded (and, apart, cancelled) jobs',
  ),
  RETENTION_DEAD_AGE_S: seconds(DEFAULT_RETENTION.dead.age, 'dead jobs'),
  RETENTION_DEAD_COUNT: count(DEFAULT_RETENTION.dead.count, 'dead jobs'),
};

/** The {@link Retention} a parsed configuration asks for. */
export function retentionFrom(config: {
  RETENTION_SUCCEEDED_AGE_S: number;
  RETENTION_SUCCEEDED_COUNT: number;
  RETENTION_DEAD_AGE_S: number;
  RETENTION_DEAD_COUNT: number;
}): Retention {
  return {
    finished: {
      age: config.RETENTION_SUCCEEDED_AGE_S,
      count: config.RETENTION_SUCCEEDED_COUNT,
    },
    dead: {
      age: config.RETENTION_DEAD_AGE_S,
      count: config.RETENTION_DEAD_COUNT,
    },
  };
}
