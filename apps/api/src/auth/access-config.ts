import { ConfigError } from '@errand/runtime';
import type { ApiKey } from './api-key';
import { parseApiKeys } from './parse-api-keys';

/** The variables access control reads. */
export interface AccessSettings {
  API_KEYS?: string;
  NODE_ENV?: string;
  ALLOW_NO_API_KEYS?: boolean;
}

/**
 * The only NODE_ENV values that may run without keys, compared trimmed and
 * lower-cased. An allow-list, not a deny-list of `production`: `Prod`, a
 * typo or an unset NODE_ENV must not open the API.
 */
const OPEN_ENVIRONMENTS: readonly string[] = ['development', 'test'];

/**
 * True for `development` and `test` only (any case): every other value,
 * unset included, is treated as production by every check that relaxes a
 * rule outside production.
 */
export function isDevelopmentEnvironment(nodeEnv: string | undefined): boolean {
  return OPEN_ENVIRONMENTS.includes((nodeEnv ?? '').trim().toLowerCase());
}

/** True when this process may serve without keys: an explicit choice. */
function mayRunWithoutKeys({
  NODE_ENV,
  ALLOW_NO_API_KEYS,
}: AccessSettings): boolean {
  return ALLOW_NO_API_KEYS === true || isDevelopmentEnvironment(NODE_ENV);
}

/**
 * The configured API keys. None means the API runs open, which must be
 * chosen: `NODE_ENV` is `development` or `test` (any case), or
 * `ALLOW_NO_API_KEYS=true`. Otherwise this throws a {@link ConfigError}
 * naming `API_KEYS`, so the API refuses to start instead of serving everyone.
 */
export function apiKeysFrom(settings: AccessSettings): ApiKey[] {
  const keys = parseApiKeys(settings.API_KEYS);
  if (!keys.length && !mayRunWithoutKeys(settings)) {
    throw new ConfigError([
      {
        path: 'API_KEYS',
        message:
          'required unless NODE_ENV is development or test; make one with `npm run new-api-key -- --name <name> --role admin`, or set ALLOW_NO_API_KEYS=true to serve everyone without a key',
      },
    ]);
  }
  return keys;
}
