import { Kind } from '@sinclair/typebox';
import type { JsonSchema } from './python-type-writer';

/**
 * The TypeBox schemas among a module's exports, by their JSON text, under
 * their export name (`EmailAttachment`, `JobStatus`): a nested schema that
 * is one of them is generated under that name instead of its path. The
 * first export wins when two are alike.
 */
export function namedSchemas(
  exports: Readonly<Record<string, unknown>>,
): Map<string, string> {
  const named = new Map<string, string>();
  for (const [name, value] of Object.entries(exports)) {
    if (!/^[A-Z]/.test(name) || !isTypeBoxSchema(value)) continue;
    const json = JSON.stringify(toJson(value));
    if (!named.has(json)) named.set(json, name);
  }
  return named;
}

/** A TypeBox schema as plain JSON Schema: symbol keys dropped. */
export function toJson(schema: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

function isTypeBoxSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Kind in value;
}
