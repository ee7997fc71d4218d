/**
 * The enqueue baseline of issue #20: the service a team would write instead
 * of running Errand — Express 5, `express.json()`, one BullMQ `Queue.add`
 * with a UUID job id, answer 202. No auth, no contract check, no rate limit,
 * no idempotency, no tracing: what is left is the floor any HTTP enqueue on
 * Express and BullMQ stands on. Same Express and BullMQ as the API, run as
 * its own process on the bench's Redis, loaded by the same autocannon.
 *
 * Env: REDIS_URL, QUEUE_PREFIX, QUEUE_NAME, PORT. Prints "ready" once
 * listening; exits 0 on SIGTERM after closing the queue.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import express from 'express';

const queue = new Queue(process.env.QUEUE_NAME ?? 'bare', {
  connection: { url: process.env.REDIS_URL },
  prefix: process.env.QUEUE_PREFIX,
});
const app = express();
app.use(express.json());
app.post('/enqueue', async (req, res) => {
  const body = req.body as { type: string; payload: unknown };
  const id = randomUUID();
  await queue.add(body.type, body.payload, { jobId: id });
  res.status(202).json({ id });
});
const server = app.listen(Number(process.env.PORT), () => console.log('ready'));
process.once('SIGTERM', () => {
  server.close();
  void queue.close().then(() => process.exit(0));
});
