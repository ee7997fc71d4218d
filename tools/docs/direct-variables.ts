/** A variable an app reads from the environment without its schema. */
export interface DirectVariable {
  name: string;
  apps: string[];
  description: string;
}

/**
 * Variables read straight from `process.env` where they are used, so no
 * config schema holds them and start-up does not check them; listed here so
 * the reference names every variable. Adding them to a schema would make
 * start-up validate them, which is a change of behaviour, not of docs.
 */
export const DIRECT_VARIABLES: readonly DirectVariable[] = [
  {
    // libs/queue-core/src/connection/tls-options.ts, on every connection.
    name: 'REDIS_TLS_CA_FILE',
    apps: ['api', 'worker', 'inspector'],
    description:
      'A PEM file of the CA (or CAs) that signed the Redis server’s certificate, for a private CA Node does not trust already; only with a single server’s rediss:// URL (for Cluster and Sentinel use NODE_EXTRA_CA_CERTS). A file that cannot be read stops the connection at once. See docs/redis-acl.md.',
  },
  {
    // libs/runtime/src/logging/create-logger.ts.
    name: 'FORCE_COLOR',
    apps: ['api', 'worker'],
    description:
      'Anything but 0 colours pretty log lines through a pipe, e.g. `FORCE_COLOR=1 LOG_FORMAT=pretty npm start` (a terminal gets colour anyway).',
  },
];
