import type { TSchema } from '@sinclair/typebox';

/** What a job type does when a request leaves an option out. */
export interface JobDefaults {
  /** Retries after the first attempt fails; attempts = retries + 1. */
  retries: number;
  /** 0 runs first; larger numbers run later (see `EnqueueRequest.priority`). */
  priority: number;
  /** How long one attempt may run before it fails as timed out. */
  timeoutMs: number;
}

/** One job type: what it takes, what it returns and how it runs by default. */
export interface JobDefinition<
  Payload extends TSchema = TSchema,
  Result extends TSchema = TSchema,
> {
  description: string;
  payload: Payload;
  result: Result;
  defaults: JobDefaults;
}

/** Declares a job type; the identity function keeps the schemas' types. */
export function defineJob<Payload extends TSchema, Result extends TSchema>(
  definition: JobDefinition<Payload, Result>,
): JobDefinition<Payload, Result> {
  return definition;
}
