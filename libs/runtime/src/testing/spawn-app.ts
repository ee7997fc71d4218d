import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** Where `npm start` and the operator run the apps from. */
const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** How a spawned app ended. */
interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** An app's `main.ts` running as the operator runs it, under `tsx`. */
export interface SpawnedApp {
  /** The workspace-relative entry that was started, for messages. */
  main: string;
  /** The `tsx` process; signals sent to it reach the app. */
  child: ChildProcess;
  /** Resolves once the process has exited. */
  exited: Promise<AppExit>;
  /** Everything the app wrote to stderr so far. */
  stderr(): string;
  /** True until the process exits. */
  isRunning(): boolean;
}

/**
 * Starts `main` (relative to the workspace root, e.g.
 * `apps/api/src/main.ts`) as `node --import tsx`, from the workspace root,
 * with only PATH, HOME, `NODE_ENV=test` and `env` in its environment. Stop
 * it with {@link killApp}.
 *
 * Not the `tsx` command: it runs the app in a child and relays signals, and
 * under load it can exit 143 on SIGTERM before it learns that the app
 * handles the signal. One process gets signals exactly as production does.
 */
export function spawnApp(
  main: string,
  env: Record<string, string>,
): SpawnedApp {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: WORKSPACE_ROOT,
    // Only what the test sets: a developer's own variables must not leak in.
    // NODE_ENV=test, as in Jest's own process, lets the API run without keys.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so killApp reaches anything the app starts.
    detached: true,
  });
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<AppExit>(done =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    main,
    child,
    exited,
    stderr: () => stderr,
    isRunning: () => child.exitCode === null && child.signalCode === null,
  };
}

/**
 * Kills a spawned app's whole process group with SIGKILL and waits for it
 * to exit; does nothing once it has exited. For cleanup after a test, which
 * must not leave the app (or tsx's node child) running.
 */
export async function killApp(app: SpawnedApp | undefined): Promise<void> {
  if (!app?.isRunning() || app.child.pid === undefined) return;
  process.kill(-app.child.pid, 'SIGKILL');
  await app.exited;
}
