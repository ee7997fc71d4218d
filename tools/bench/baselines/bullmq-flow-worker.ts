/**
 * The raw BullMQ baseline for flows, run as its own process like the
 * Errand worker: one `Worker` on the children's queue whose processor does
 * nothing, and one on the parents' queue whose processor returns when it
 * started, as Errand's `system.sleep` handler does (`startedAt`), so the
 * bench reads when each parent's code began from its return value.
 *
 * Env: REDIS_URL, QUEUE_PREFIX, CHILD_QUEUE, PARENT_QUEUE, CONCURRENCY
 * (per queue, as Errand's is per type). Prints "ready" once connected;
 * exits 0 on SIGTERM after closing both workers.
 */
import { Worker, type Processor } from 'bullmq';

const open = (queue: string | undefined, processor: Processor) => {
  const worker = new Worker(queue ?? 'raw', processor, {
    connection: { url: process.env.REDIS_URL, maxRetriesPerRequest: null },
    prefix: process.env.QUEUE_PREFIX,
    concurrency: Number(process.env.CONCURRENCY ?? 50),
  });
  worker.on('error', error => console.error(error.message));
  return worker;
};

const workers = [
  open(process.env.CHILD_QUEUE, async () => undefined),
  open(process.env.PARENT_QUEUE, async () => ({ startedAt: Date.now() })),
];
void Promise.all(workers.map(worker => worker.waitUntilReady())).then(() =>
  console.log('ready'),
);
process.once('SIGTERM', () => {
  void Promise.all(workers.map(worker => worker.close())).then(() =>
    process.exit(0),
  );
});
