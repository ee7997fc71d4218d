import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/** The workspace root: apps and baselines run from here. */
export const ROOT = resolve(__dirname, '../../..');

/**
 * A process under test: an app or a baseline worker, started by the bench
 * (tools/bench) and the chaos suite (tools/chaos), two projects that share
 * this one starter through this lib's door.
 */
export interface BenchProcess {
  name: string;
  child: ChildProcess;
  /** Peak resident memory so far (VmHWM), in bytes. */
  peakRss(): number;
  /** CPU time used so far (user + system), in seconds. */
  cpuSeconds(): number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

/** How to start one. */
export interface StartOptions {
  /**
   * Workspace-relative entry: a `.ts` file runs with `node --import tsx`,
   * a `.js` bundle with plain `node`.
   */
  main: string;
  env: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** A stdout line that means ready (baselines print `ready`). */
  readyLine?: string;
  /** A URL that answers 200 once ready (the apps' health routes). */
  readyUrl?: string;
}

/**
 * Starts `main` under `node --import tsx`, as `npm start` runs the apps
 * (or a built bundle with plain `node`),
 * and resolves once it is ready. Its stderr is kept for the error message
 * should it die first.
 */
export async function startProcess(
  name: string,
  options: StartOptions,
): Promise<BenchProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      ...(options.main.endsWith('.ts') ? ['--import', 'tsx'] : []),
      options.main,
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const lines = createInterface({ input: child.stdout as Readable });
  let sawReady = false;
  lines.on('line', line => {
    if (line.trim() === options.readyLine) sawReady = true;
  });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited before it was ready:\n${stderr}`);
    }
    if (options.readyLine && sawReady) break;
    if (options.readyUrl && (await answers(options.readyUrl))) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within 30 s:\n${stderr}`);
    }
    await sleep(50);
  }

  return {
    name,
    child,
    peakRss: () => peakRssOf(child.pid),
    cpuSeconds: () => cpuSecondsOf(child.pid),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(force);
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** VmHWM of `pid` in bytes; 0 where /proc is not there. */
function peakRssOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) * 1_024 : 0;
  } catch {
    return 0;
  }
}

/** Clock ticks per second of /proc/<pid>/stat: 100 on Linux. */
const CLOCK_TICKS = 100;

/** utime + stime of `pid` in seconds; 0 where /proc is not there. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command, which may hold spaces, inside parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
