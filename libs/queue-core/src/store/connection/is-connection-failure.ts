/**
 * What ioredis and Redis say while a connection, or the master behind it,
 * is changing: the command did not reach a master that could take it, and
 * the same command may succeed once the failover or reconnect is over.
 * Anything else (a script's own error, "Missing lock", a bug) is not.
 */
const TRANSIENT = [
  'Connection is closed',
  'Too many Cluster redirections',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'READONLY',
  'LOADING',
  'MASTERDOWN',
  'NOREPLICAS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  "Stream isn't writeable",
  'max retries per request',
  'All sentinels are unreachable',
  'Failed to refresh slots cache',
  'None of startup nodes is available',
];

/** True when `error` means "Redis could not be reached", not "refused". */
export function isConnectionFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return TRANSIENT.some(marker => message.includes(marker));
}
