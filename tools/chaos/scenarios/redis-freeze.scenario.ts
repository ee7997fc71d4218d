import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { LedgerRecord } from '../chaos-types';
import { runWithLoad } from '../run-with-load';
import { atLeast, atMost, resultOf, scaled, type Scenario } from '../scenario';
import { promiseBounds } from '../scenario-bounds';

const run = promisify(execFile);
const LOCK_MS = 5_000;
/** Longer than the lock: every lock held at the freeze expires in it. */
const FREEZE_MS = LOCK_MS + 3_000;

/** A start record this soon after SIGSTOP was fetched before it. */
const FETCHED_BEFORE_MS = 100;

/** The ids of the jobs Redis holds as active (`redis-cli LRANGE`). */
async function activeJobIds(port: number): Promise<string[]> {
  const { stdout } = await run('redis-cli', [
    '-p',
    String(port),
    'LRANGE',
    'errand:system.ledger:active',
    '0',
    '-1',
  ]);
  return stdout.split('\n').filter(Boolean);
}

/** Ids of jobs started more than once. */
function reExecutedIds(ledger: readonly LedgerRecord[]): string[] {
  const starts = new Map<string, number>();
  for (const r of ledger) {
    if (r.event === 'start') starts.set(r.id, (starts.get(r.id) ?? 0) + 1);
  }
  return [...starts].filter(([, n]) => n > 1).map(([id]) => id);
}

/**
 * 4. Redis freeze: Redis is SIGSTOPped (what `DEBUG SLEEP` does, without
 * enabling debug commands) for 8 s, longer than the 5 s lock, then
 * SIGCONTed. Nothing may be lost, and only the jobs in flight at the
 * freeze may run again (their locks expired while Redis was frozen).
 */
export const redisFreezeScenario: Scenario = {
  name: 'redis-freeze',
  title: '4. Redis freeze (SIGSTOP 8 s)',
  async run(settings) {
    const started = Date.now();
    const jobs = scaled(6_000, settings.scale);
    const sizes = {
      jobs,
      ratePerSec: Math.min(200, Math.round(jobs / 30)),
      workers: 3,
      concurrency: 4,
      lockMs: LOCK_MS,
      freezeMs: FREEZE_MS,
    };
    const run = await runWithLoad({
      baseDir: settings.baseDir,
      stack: {
        workers: sizes.workers,
        concurrency: sizes.concurrency,
        persistence: 'aof',
        apps: settings.apps,
        lockMs: LOCK_MS,
      },
      load: {
        count: sizes.jobs,
        ratePerSec: sizes.ratePerSec,
        refPrefix: 'freeze',
        // Longer jobs, so that some are surely in flight at the freeze,
        // yet 240 a second fit in the 12 slots: no backlog builds.
        payload: () => ({ ms: 50 }),
      },
      async faults(stack) {
        await sleep(8_000);
        // Active in Redis just before the stop: running, or done and not
        // yet acknowledged (their acknowledgement will find the lock gone).
        const active = await activeJobIds(stack.redis().port);
        const frozen = stack.freezeRedis(FREEZE_MS);
        await frozen;
        settings.log('  redis thawed');
        return { active };
      },
    });
    const freeze = run.interruptions.find(i => i.kind === 'redis-freeze');
    // Plus jobs fetched between the snapshot and the stop.
    const inFlight = new Set(run.extra.active);
    for (const r of run.ledger) {
      if (
        r.event === 'start' &&
        freeze &&
        r.at <= freeze.at + FETCHED_BEFORE_MS
      ) {
        const done = run.ledger.some(
          d => d.id === r.id && d.event === 'done' && d.at < freeze.at,
        );
        if (!done) inFlight.add(r.id);
      }
    }
    const reExecuted = reExecutedIds(run.ledger);
    const outside = reExecuted.filter(id => !inFlight.has(id)).length;
    return resultOf(
      this,
      started,
      sizes,
      run,
      { inFlightAtFreeze: inFlight.size, reExecutedNotInFlight: outside },
      [
        ...promiseBounds(run.report),
        // The freeze must have caught jobs in flight, or it tested nothing.
        atLeast('inFlightAtFreeze', inFlight.size, 1),
        atMost('reExecutions', run.report.reExecutions, inFlight.size),
        atMost('reExecutedNotInFlight', outside, 0),
      ],
    );
  },
};
