import { isJobType, jobCatalog } from '../catalog/job-catalog';
import { hasSensitive, mapSensitive } from './map-sensitive';

/** What a sensitive value is shown as. */
export const REDACTED = '[redacted]';

const typesWithSecrets = new Set(
  Object.entries(jobCatalog)
    .filter(([, definition]) => hasSensitive(definition.payload))
    .map(([type]) => type),
);

/**
 * A payload fit to show: every field its type marks sensitive reads
 * `[redacted]`. Payloads of types without such fields (or of unknown types)
 * come back as they are.
 */
export function redactPayload(type: string, payload: unknown): unknown {
  if (!typesWithSecrets.has(type) || !isJobType(type)) return payload;
  return mapSensitive(jobCatalog[type].payload, payload, () => REDACTED);
}
