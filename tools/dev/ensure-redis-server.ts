import { execFileSync, spawnSync } from 'node:child_process';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * Makes sure `redis-server` is on PATH. Installs it with apt-get when that
 * needs no prompt (root on Debian or Ubuntu); otherwise stops with the
 * one line that says what to do.
 */
export function ensureRedisServer(): void {
  if (onPath('redis-server')) return;
  const canInstall = process.getuid?.() === 0 && onPath('apt-get');
  if (!canInstall) {
    console.error(
      'redis-server is not installed. Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), or set REDIS_URL to a Redis you run.',
    );
    process.exit(1);
  }
  console.log('redis-server is not installed; installing it with apt-get…');
  const env = {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
    RUNLEVEL: '1',
  };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'],
    { stdio: 'inherit', env },
  );
}
