import { setTimeout as sleep } from 'node:timers/promises';
import { completed } from '@errand/contracts';
import { startConsumer } from '../worker/start-consumer';
import { testHandlers } from './test-handlers';

/**
 * A worker for network-namespaces.int.spec.ts, run inside a namespace:
 * `tsx consume-in-namespace.ts <redis url> <prefix> <name>`. It serves
 * system.noop (each run held 20 ms, so that two workers share the queue),
 * prints `ready` once connected and `took <job id>` per job, and stops on
 * SIGTERM.
 */
const [redisUrl = '', prefix = '', workerName = ''] = process.argv.slice(2);

const consumer = startConsumer({
  redisUrl,
  prefix,
  workerName,
  types: ['system.noop'],
  concurrency: 1,
  handlers: testHandlers({
    'system.noop': async (_payload, { jobId }) => {
      process.stdout.write(`took ${jobId}\n`);
      await sleep(20);
      return completed({});
    },
  }),
});

const ready = setInterval(() => {
  if (consumer.isHealthy()) {
    clearInterval(ready);
    process.stdout.write('ready\n');
  }
}, 50);

process.once('SIGTERM', () => {
  clearInterval(ready);
  void consumer.close(1_000).then(() => process.exit(0));
});
