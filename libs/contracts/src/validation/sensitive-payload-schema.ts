import type { TSchema } from '@sinclair/typebox';
import { jobCatalog } from '../catalog/job-catalog';
import { hasSensitive } from './map-sensitive';

// Found once at load: redaction and encryption ask on every job.
const schemasWithSecrets = new Map<string, TSchema>(
  Object.entries(jobCatalog)
    .filter(([, definition]) => hasSensitive(definition.payload))
    .map(([type, definition]) => [type, definition.payload]),
);

/**
 * The payload schema of `type` when it marks any field sensitive; undefined
 * for a type without such fields, or one the catalog does not list.
 */
export function sensitivePayloadSchemaOf(type: string): TSchema | undefined {
  return schemasWithSecrets.get(type);
}
