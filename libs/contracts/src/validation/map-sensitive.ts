import { Kind, type TSchema } from '@sinclair/typebox';
import { isSensitive } from '../catalog/sensitive';

/**
 * Gives the new value of a sensitive field; `path` is the field's JSON
 * Pointer from the payload's root (`/text`, `/attachments/0/content`).
 */
type Replace = (value: unknown, path: string) => unknown;

/** One JSON Pointer (RFC 6901) segment. */
function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `schema` marks a field sensitive anywhere inside it. */
export function hasSensitive(schema: TSchema): boolean {
  if (isSensitive(schema)) return true;
  if (schema[Kind] === 'Object') {
    return Object.values(schema.properties as Record<string, TSchema>).some(
      hasSensitive,
    );
  }
  if (schema[Kind] === 'Array') return hasSensitive(schema.items as TSchema);
  return false;
}

/**
 * Returns a copy of `value` in which every value of a field that `schema`
 * marks sensitive is replaced by `replace(value, path)`; the rest is
 * shared. Walks objects and arrays, the shapes payloads are made of.
 */
export function mapSensitive(
  schema: TSchema,
  value: unknown,
  replace: Replace,
  path = '',
): unknown {
  if (value === undefined) return value;
  if (isSensitive(schema)) return replace(value, path);
  if (schema[Kind] === 'Object' && isRecord(value)) {
    const properties = schema.properties as Record<string, TSchema>;
    const copy: Record<string, unknown> = { ...value };
    for (const [name, property] of Object.entries(properties)) {
      if (name in copy)
        copy[name] = mapSensitive(
          property,
          copy[name],
          replace,
          `${path}/${pointerSegment(name)}`,
        );
    }
    return copy;
  }
  if (schema[Kind] === 'Array' && Array.isArray(value)) {
    return value.map((item, index) =>
      mapSensitive(schema.items as TSchema, item, replace, `${path}/${index}`),
    );
  }
  return value;
}
