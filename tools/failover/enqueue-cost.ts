import { startSteadyLoad } from './steady-load';

/** Enqueue throughput and latency through the API, one setting. */
export interface EnqueueCost {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  refused: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
  );
}

/**
 * Offers `perSecond` enqueues (more than one API process can take, so the
 * result is its ceiling) for `ms`, and reports what was acknowledged per
 * second and the latency of each acknowledgement.
 */
export async function measureEnqueueCost(
  apiUrl: string,
  ms: number,
  perSecond = 2_000,
): Promise<EnqueueCost> {
  const load = startSteadyLoad(apiUrl, perSecond);
  await new Promise(resolve => setTimeout(resolve, ms));
  const result = await load.stop();
  const sorted = [...result.acknowledgedMs].sort((a, b) => a - b);
  return {
    perSecond: Math.round((result.acknowledged.length * 1_000) / ms),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    refused: Object.entries(result.statuses)
      .filter(([status]) => status !== '202')
      .reduce((n, [, count]) => n + count, 0),
  };
}
