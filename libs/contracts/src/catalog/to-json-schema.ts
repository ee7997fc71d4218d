import type { TSchema } from '@sinclair/typebox';

/** A JSON Schema (2020-12) object, as `GET /job-types` and OpenAPI 3.1 embed it. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * A TypeBox schema as plain JSON Schema. TypeBox schemas already are JSON
 * Schema, plus symbol keys (`Kind`, `Optional`) that only TypeBox reads; a
 * JSON round trip drops them and copies the schema, so the document never
 * shares objects with the live contracts.
 */
export function toJsonSchema(schema: TSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}
