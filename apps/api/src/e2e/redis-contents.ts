import { execFileSync } from 'node:child_process';

function cli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), '--no-raw', ...args], {
    encoding: 'utf8',
  });
}

const readers: Record<string, string[]> = {
  hash: ['HGETALL'],
  list: ['LRANGE', '0', '-1'],
  zset: ['ZRANGE', '0', '-1'],
  set: ['SMEMBERS'],
  string: ['GET'],
  stream: ['XRANGE', '-', '+'],
};

/**
 * Everything Redis holds under `prefix`, as text, read key by key with
 * redis-cli: what someone with access to the Redis server would see.
 */
export function redisContents(port: number, prefix: string): string {
  const keys = cli(port, '--scan', '--pattern', `${prefix}:*`)
    .split('\n')
    .map(line => line.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
  return keys
    .map(key => {
      const type = cli(port, 'TYPE', key).trim();
      const read = readers[type];
      return read
        ? `${key}\n${cli(port, read[0], key, ...read.slice(1))}`
        : key;
    })
    .join('\n');
}
