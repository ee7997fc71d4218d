import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `redis-cli` against 127.0.0.1:`port`; resolves to its output. */
export async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'redis-cli',
    ['-h', '127.0.0.1', '-p', String(port), ...args],
    { timeout: 10_000 },
  );
  return stdout;
}

/** `cli`, with a failure (the node is down) answered as ''. */
export function cliOrEmpty(port: number, ...args: string[]): Promise<string> {
  return cli(port, ...args).catch(() => '');
}
