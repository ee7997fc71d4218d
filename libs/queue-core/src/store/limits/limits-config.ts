import { Type } from '@sinclair/typebox';
import {
  ErrandError,
  isJobType,
  jobCatalog,
  NO_LIMITS,
  parseJobTypeLimits,
  type JobType,
  type JobTypeLimits,
  type LimitsSource,
} from '@errand/contracts';
import { ConfigError } from '@errand/runtime';

/**
 * The flow limits both apps read: the API to answer `GET
 * /job-types/{type}/limits` and to apply a change, the worker to apply
 * them to Redis when it starts (see job-type-limits.ts).
 */
export const LimitsConfig = {
  JOB_TYPE_LIMITS: Type.Optional(
    Type.String({
      minLength: 2,
      description:
        'Flow limits per job type as JSON, over the catalog\'s defaults, e.g. {"email.send":{"rateLimit":{"max":10,"durationMs":1000},"maxConcurrent":null}}; fields left out keep the catalog\'s; set them at run time with PUT /job-types/{type}/limits (docs/flow-control.md). Every process must be given the same.',
    }),
  ),
};

/** A type's limits when nothing is set at run time, and where they come from. */
interface DefaultLimits {
  limits: JobTypeLimits;
  source: Exclude<LimitsSource, 'runtime'>;
}

/** The default limits of each type. */
export type LimitDefaults = (type: JobType) => DefaultLimits;

function catalogLimits(type: JobType): JobTypeLimits {
  return { ...NO_LIMITS, ...jobCatalog[type].defaults.limits };
}

/** The catalog's limits alone: what a process without configuration uses. */
export const catalogLimitDefaults: LimitDefaults = type => ({
  limits: catalogLimits(type),
  source: 'catalog',
});

/**
 * The defaults a parsed configuration asks for; a malformed
 * `JOB_TYPE_LIMITS` (not JSON, an unknown type, a bad limit) stops the
 * start with a {@link ConfigError} naming the field.
 */
export function limitDefaultsFrom(config: {
  JOB_TYPE_LIMITS?: string;
}): LimitDefaults {
  const text = config.JOB_TYPE_LIMITS;
  if (text === undefined) return catalogLimitDefaults;
  const refuse = (path: string, message: string): never => {
    throw new ConfigError([{ path: `JOB_TYPE_LIMITS${path}`, message }]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    refuse('', 'is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return refuse('', 'must be a JSON object keyed by job type');
  }
  const byType = new Map<JobType, JobTypeLimits>();
  for (const [type, partial] of Object.entries(parsed)) {
    if (!isJobType(type)) refuse(`/${type}`, 'is not a job type');
    try {
      byType.set(
        type as JobType,
        parseJobTypeLimits(
          { ...catalogLimits(type as JobType), ...(partial as object) },
          `/${type}`,
        ),
      );
    } catch (error) {
      if (!(error instanceof ErrandError)) throw error;
      const issue = error.issues[0];
      refuse(issue?.path ?? `/${type}`, issue?.message ?? error.message);
    }
  }
  return type => {
    const limits = byType.get(type);
    return limits ? { limits, source: 'config' } : catalogLimitDefaults(type);
  };
}
