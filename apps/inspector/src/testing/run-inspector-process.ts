import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root, where `npx inspector` runs from. */
const ROOT = resolve(__dirname, '../../../..');

/** How one inspector process ended and what it printed. */
export interface InspectorRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the `--json` document. */
  json<T = Record<string, unknown>>(): T;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

/**
 * Runs the real CLI process (`src/main.ts` under tsx, as the bin shim does)
 * with only PATH, HOME and `env` in its environment, stdin closed and
 * stdout a pipe: no terminal, so no colour and no confirmation prompt.
 */
export function runInspectorProcess(
  args: string[],
  env: Record<string, string>,
): Promise<InspectorRun> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/inspector/src/main.ts', ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', code =>
      done({
        code,
        stdout: stdout.trimEnd(),
        stderr: stderr.trimEnd(),
        ms: Date.now() - started,
        json<T>() {
          try {
            return JSON.parse(stdout) as T;
          } catch {
            throw new Error(`Not JSON (exit ${code}): ${stdout}\n${stderr}`);
          }
        },
      }),
    );
  });
}
