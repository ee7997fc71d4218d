import { createHash } from 'node:crypto';
import { mapSensitive, sensitivePayloadSchemaOf } from '@errand/contracts';

/** JSON with every object's keys sorted: the same text for the same data. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(
          Object.entries(field).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : field,
  );
}

/**
 * A digest of what a payload says besides its sensitive fields (each
 * replaced by null, sealed or not), part of every sealed value's
 * additional data. Binding a secret to its field alone would let someone
 * who can write to Redis keep the sealed `text` of an email and change its
 * `to`, or keep a webhook's `secret` and change its `url`: the worker would
 * then send the secret's effect wherever they like. With the digest, a
 * sealed value opens only next to the fields it was sealed with. Keys are
 * sorted, so the order Redis hands them back in does not matter.
 */
export function payloadDigestOf(type: string, payload: unknown): string {
  const schema = sensitivePayloadSchemaOf(type);
  const rest = schema ? mapSensitive(schema, payload, () => null) : payload;
  return createHash('sha256')
    .update(canonicalJson(rest) ?? '')
    .digest('base64url');
}
