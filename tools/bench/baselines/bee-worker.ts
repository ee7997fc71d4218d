/**
 * The bee-queue peer worker, run as its own process: the fastest Node.js
 * Redis queue we know, with a processor that does nothing and finished jobs
 * removed (its fastest setting).
 *
 * Env: REDIS_URL, QUEUE_PREFIX, QUEUE_NAME, CONCURRENCY. Prints "ready"
 * once connected; exits 0 on SIGTERM after closing the queue.
 */
import BeeQueue from 'bee-queue';

const queue = new BeeQueue(process.env.QUEUE_NAME ?? 'bee', {
  redis: { url: process.env.REDIS_URL },
  prefix: process.env.QUEUE_PREFIX ?? 'bq',
  isWorker: true,
  removeOnSuccess: true,
  removeOnFailure: true,
});
queue.on('error', error => console.error(error.message));
queue.process(Number(process.env.CONCURRENCY ?? 50), async () => undefined);
void queue.ready().then(() => console.log('ready'));
process.once('SIGTERM', () => {
  void queue.close().then(() => process.exit(0));
});
