/**
 * The raw BullMQ baseline worker, run as its own process like the Errand
 * worker: one `Worker` on one queue whose processor does nothing. The
 * difference between its drain rate and Errand's is what Errand's layers
 * (decode, validate, handler lookup, settle, logging, metrics) cost.
 *
 * Env: REDIS_URL, QUEUE_PREFIX, QUEUE_NAME, CONCURRENCY. Prints "ready"
 * once connected; exits 0 on SIGTERM after closing the worker.
 */
import { Worker } from 'bullmq';

const worker = new Worker(
  process.env.QUEUE_NAME ?? 'raw',
  async () => undefined,
  {
    connection: { url: process.env.REDIS_URL, maxRetriesPerRequest: null },
    prefix: process.env.QUEUE_PREFIX,
    concurrency: Number(process.env.CONCURRENCY ?? 50),
  },
);
worker.on('error', error => console.error(error.message));
void worker.waitUntilReady().then(() => console.log('ready'));
process.once('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
