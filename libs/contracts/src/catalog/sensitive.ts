import type { TSchema } from '@sinclair/typebox';

/**
 * The JSON Schema extension keyword that marks a payload field sensitive.
 * It shows in the OpenAPI document, so API users see which fields are kept
 * out of logs and listings.
 */
const SENSITIVE = 'x-sensitive';

/**
 * Marks a field sensitive: its value never appears in logs, error messages,
 * inspector output or `GET /jobs/:id`; it is shown as `[redacted]`.
 */
export function sensitive<T extends TSchema>(schema: T): T {
  return { ...schema, [SENSITIVE]: true };
}

/** True for a schema marked with {@link sensitive}. */
export function isSensitive(schema: TSchema): boolean {
  return (schema as Record<string, unknown>)[SENSITIVE] === true;
}
