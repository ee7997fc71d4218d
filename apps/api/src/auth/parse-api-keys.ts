import { isJobType, type FieldIssue, type JobType } from '@errand/contracts';
import { ConfigError } from '@errand/runtime';
import { roles, type ApiKey, type Role } from './api-key';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** One `name:role:sha256hex[:types]` entry, or what is wrong with it. */
function parseEntry(entry: string): ApiKey | string {
  const [name = '', role = '', hash = '', typeList, ...rest] = entry.split(':');
  if (rest.length || !hash) return 'expected name:role:sha256hex[:type1,type2]';
  if (!NAME.test(name)) return 'the name takes 1-64 letters, digits, _ . -';
  if (!roles.includes(role as Role)) {
    return `"${name}" has role "${role}"; use ${roles.join(' or ')}`;
  }
  if (!SHA256_HEX.test(hash)) {
    return `"${name}" needs a SHA-256 as 64 lower-case hex digits`;
  }
  const types = typeList?.split(',');
  const unknown = types?.filter(type => !isJobType(type)) ?? [];
  if (unknown.length) {
    return `"${name}" names unknown job types: ${unknown.join(', ')}`;
  }
  return {
    name,
    role: role as Role,
    hash: Buffer.from(hash, 'hex'),
    ...(types && { types: types as JobType[] }),
  };
}

/**
 * Reads `API_KEYS`: entries separated by `;`, spaces or new lines, each
 * `name:role:sha256hex` or `name:role:sha256hex:type1,type2`, as
 * `npm run new-api-key` prints them. Throws a {@link ConfigError} naming
 * `API_KEYS` and each bad entry (by position and name, never its hash).
 */
export function parseApiKeys(text: string | undefined): ApiKey[] {
  const issues: FieldIssue[] = [];
  const keys: ApiKey[] = [];
  const entries = (text ?? '').split(/[;\s]+/).filter(Boolean);
  entries.forEach((entry, index) => {
    const parsed = parseEntry(entry);
    const clash =
      typeof parsed !== 'string' && keys.some(k => k.name === parsed.name);
    const message = clash
      ? `"${(parsed as ApiKey).name}" is listed twice`
      : parsed;
    if (typeof message === 'string') {
      issues.push({
        path: 'API_KEYS',
        message: `entry ${index + 1}: ${message}`,
      });
    } else {
      keys.push(message);
    }
  });
  if (issues.length) throw new ConfigError(issues);
  return keys;
}
