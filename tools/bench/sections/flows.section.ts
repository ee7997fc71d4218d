/**
 * 8. Flows (issue #17): a flow of one parent (`system.sleep` of 0 ms, a
 * type of its own, as a report over its `email.send` children would be)
 * over N `system.noop` children, the same tree for Errand and raw BullMQ
 * (flow-senders.ts), on the same Redis in the same run.
 * 1. store: `POST /flows` through the API, as a client sends it, plain
 *    and under an `Idempotency-Key`, against raw `FlowProducer.add` called
 *    in-process, in alternated rounds, medians compared (flows-store.ts);
 * 2. drain: both workers running, a flow each in turn; the wait from the
 *    last child's end to the parent's start, p50 and p99 (flows-drain.ts).
 */
import { RAW_PREFIX, type BenchContext } from '../bench-context';
import type { BenchRow } from '../bench-row';
import { openRawFlowProducer } from '../baselines/raw-flow';
import { errandSender, rawSender } from './flow-senders';
import { drainRows, timeDrains } from './flows-drain';
import { storeRows, timeStores } from './flows-store';

export async function flowsSection(ctx: BenchContext): Promise<BenchRow[]> {
  const { flowTreeChildren } = ctx.settings;
  const producer = openRawFlowProducer(ctx.redisUrl, RAW_PREFIX);
  await producer.waitUntilReady();
  await ctx.probe.flush();
  const api = await ctx.startApi('api-flows');
  try {
    const plain = errandSender(api.url, flowTreeChildren);
    const raw = rawSender(producer, flowTreeChildren);
    const store = await timeStores(ctx, api, {
      plain,
      keyed: errandSender(api.url, flowTreeChildren, true),
      raw,
    });
    const drain = await timeDrains(ctx, plain, raw);
    return [
      ...storeRows(flowTreeChildren, store),
      ...drainRows(flowTreeChildren, drain),
    ];
  } finally {
    await api.stop();
    await producer.close();
  }
}
