import type { TSchema } from '@sinclair/typebox';
import type { JsonSchema } from './openapi-object';

/**
 * A TypeBox schema as plain JSON Schema. TypeBox schemas already are JSON
 * Schema, plus symbol keys (`Kind`, `Optional`) that only TypeBox reads; a
 * JSON round trip drops them and copies the schema, so the document never
 * shares objects with the live contracts.
 */
export function toJsonSchema(schema: TSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

/** A `$ref` to a schema under `components.schemas`. */
export function componentRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The component name prefix for a job type: `email.send` → `EmailSend`, so
 * its payload is `EmailSendPayload`, as in `jobs/email-send.job.ts`.
 */
export function schemaNameOf(type: string): string {
  return type
    .split(/[^a-zA-Z0-9]+/)
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
