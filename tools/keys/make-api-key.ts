import { createHash, randomBytes } from 'node:crypto';
import { isJobType } from '@errand/contracts';

/** What a new key is for. */
export interface ApiKeyRequest {
  /** Who holds it: 1-64 letters, digits, `_`, `.`, `-`. */
  name: string;
  /** `producer` or `admin`. */
  role: string;
  /** The only job types it may enqueue; empty for every type. */
  types?: readonly string[];
}

/** A new key and the `API_KEYS` entry that admits it. */
export interface NewApiKey {
  /** The secret: give it to the client once, store it nowhere else. */
  key: string;
  /** `name:role:sha256hex[:types]`: goes in the API's `API_KEYS`. */
  entry: string;
}

/**
 * Makes a random key (256 bits, `errand_` + base64url) and its `API_KEYS`
 * entry, which holds only the key's SHA-256. Throws on a bad name, role or
 * job type, with a message for the command line.
 */
export function makeApiKey({
  name,
  role,
  types = [],
}: ApiKeyRequest): NewApiKey {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    throw new Error('--name takes 1-64 letters, digits, _ . -');
  }
  if (role !== 'producer' && role !== 'admin') {
    throw new Error('--role is producer or admin');
  }
  const unknown = types.filter(type => !isJobType(type));
  if (unknown.length) {
    throw new Error(`unknown job types: ${unknown.join(', ')}`);
  }
  const key = `errand_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  const entry = [name, role, hash, ...(types.length ? [types.join(',')] : [])];
  return { key, entry: entry.join(':') };
}
