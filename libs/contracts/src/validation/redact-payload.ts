import { mapSensitive } from './map-sensitive';
import { sensitivePayloadSchemaOf } from './sensitive-payload-schema';

/** What a sensitive value is shown as. */
export const REDACTED = '[redacted]';

/**
 * A payload fit to show: every field its type marks sensitive reads
 * `[redacted]`. Payloads of types without such fields (or of unknown types)
 * come back as they are.
 */
export function redactPayload(type: string, payload: unknown): unknown {
  const schema = sensitivePayloadSchemaOf(type);
  return schema ? mapSensitive(schema, payload, () => REDACTED) : payload;
}
