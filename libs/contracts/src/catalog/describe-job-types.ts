import { jobCatalog } from './job-catalog';
import type { JobDefinition } from './job-definition';
import type { JobTypeList } from '../http/job-type-view';
import { toJsonSchema } from './to-json-schema';

/**
 * Lists the catalog's job types with their payload and result schemas as
 * plain JSON Schema, version, defaults, description and example: the body
 * of `GET /job-types`.
 */
export function describeJobTypes(
  catalog: Readonly<Record<string, JobDefinition>> = jobCatalog,
): JobTypeList {
  return {
    types: Object.entries(catalog).map(([type, definition]) => ({
      type,
      description: definition.description,
      version: definition.version,
      defaults: { ...definition.defaults },
      payloadSchema: toJsonSchema(definition.payload),
      resultSchema: toJsonSchema(definition.result),
      example: structuredClone(definition.example),
      aliases: Object.entries(definition.aliases ?? {}).map(
        ([name, alias]) => ({ name, renames: { ...alias.renames } }),
      ),
    })),
  };
}
