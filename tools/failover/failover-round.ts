import { setTimeout as sleep } from 'node:timers/promises';
import {
  keptEveryPromise,
  readBackAcknowledged,
  type ReadBack,
} from './acked-jobs-checker';
import type { AppsUnderTest } from './apps-under-test';
import { startSteadyLoad } from './steady-load';
import type { FaultKind, ReplicatedRedis } from './topology-faults';

/** What one fault under load came to. */
export interface RoundResult {
  fault: FaultKind;
  acknowledged: number;
  statuses: Record<string, number>;
  slowestRefusalMs: number;
  readBack: ReadBack;
  /** An app that never served again without a restart. */
  stuck: ('api' | 'worker')[];
  ok: boolean;
}

/** How long an app may take to serve again after the topology is whole. */
const RECOVERY_MS = 60_000;

async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Polls until `probe` is true or `ms` pass; resolves to the last answer. */
async function within(ms: number, probe: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

/**
 * One round: steady load through the API (100/s), the fault once 200 jobs
 * are acknowledged, the topology made whole again, then 200 more
 * acknowledged on the new master (the API is back), the worker healthy
 * again, and every acknowledged id read back.
 */
export async function runFailoverRound(
  redis: ReplicatedRedis,
  apps: AppsUnderTest,
  fault: FaultKind,
  perSecond = 100,
): Promise<RoundResult> {
  const load = startSteadyLoad(apps.apiUrl, perSecond);
  const stuck: RoundResult['stuck'] = [];
  let result;
  try {
    await within(60_000, async () => load.acknowledgedCount() >= 200);
    await redis.inject(fault);
    const atWhole = load.acknowledgedCount();
    if (
      !(await within(
        RECOVERY_MS,
        async () => load.acknowledgedCount() >= atWhole + 200,
      ))
    ) {
      stuck.push('api');
    }
  } finally {
    result = await load.stop();
  }
  if (!(await within(RECOVERY_MS, () => answers200(`${apps.apiUrl}/readyz`)))) {
    if (!stuck.includes('api')) stuck.push('api');
  }
  if (!(await within(RECOVERY_MS, () => answers200(apps.workerHealthUrl)))) {
    stuck.push('worker');
  }
  for (const name of apps.exited()) {
    if (!stuck.includes(name)) stuck.push(name);
  }
  const readBack = await readBackAcknowledged(
    apps.apiUrl,
    result.acknowledged,
    60_000,
  );
  return {
    fault,
    acknowledged: result.acknowledged.length,
    statuses: result.statuses,
    slowestRefusalMs: result.slowestRefusalMs,
    readBack,
    stuck,
    ok: keptEveryPromise(readBack) && stuck.length === 0,
  };
}
