import { ConfigError } from '@errand/runtime';
import type { ApiKey } from './api-key';
import { parseApiKeys } from './parse-api-keys';

/** The variables access control reads. */
export interface AccessSettings {
  API_KEYS?: string;
  NODE_ENV?: string;
}

/**
 * The configured API keys. None means the API runs open, which only a
 * non-production process may do: with `NODE_ENV=production` and no keys
 * this throws a {@link ConfigError} naming `API_KEYS`, so the API refuses to
 * start instead of serving everyone.
 */
export function apiKeysFrom({ API_KEYS, NODE_ENV }: AccessSettings): ApiKey[] {
  const keys = parseApiKeys(API_KEYS);
  if (!keys.length && NODE_ENV === 'production') {
    throw new ConfigError([
      {
        path: 'API_KEYS',
        message:
          'required when NODE_ENV=production; make one with `npm run new-api-key -- --name <name> --role admin`',
      },
    ]);
  }
  return keys;
}
