import { createServer, type AddressInfo, type Socket } from 'node:net';
import { jobTypes, type ValidEnqueueRequest } from '@errand/contracts';
import { QueueUnavailableError } from '../../store/errors/queue-unavailable-error';
import { enqueueJob } from '../../index';
import { JobStore } from '../../store/job-store';
import { useQueueFixture } from '../../testing/index';
import { countJobStates } from './count-job-states';

const none = {
  queued: 0,
  delayed: 0,
  running: 0,
  waiting: 0,
  succeeded: 0,
  dead: 0,
};
const email: ValidEnqueueRequest = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Hi' },
};

describe('countJobStates', () => {
  const fixture = useQueueFixture();

  it('counts every type by status, in catalog order', async () => {
    await enqueueJob(fixture.queues, email);
    await enqueueJob(fixture.queues, { ...email, priority: 3 });
    await enqueueJob(fixture.queues, { ...email, delay: 60_000 });

    const states = await countJobStates(fixture.queues);

    expect(states.map(s => s.type)).toEqual([...jobTypes]);
    expect(states[0]).toEqual({
      type: 'email.send',
      counts: { ...none, queued: 2, delayed: 1 },
    });
    expect(states[1].counts).toEqual(none);
  });

  describe('when Redis is not there', () => {
    it('rejects as unavailable', async () => {
      const queues = new JobStore({
        redisUrl: 'redis://127.0.0.1:1',
        prefix: fixture.prefix,
      });
      try {
        await expect(countJobStates(queues)).rejects.toBeInstanceOf(
          QueueUnavailableError,
        );
      } finally {
        await queues.close();
      }
    });
  });

  describe('when Redis takes the connection and never answers', () => {
    // A refused port fails at once (above); only silence waits for the
    // deadline, so only silence shows which deadline was kept.
    const sockets = new Set<Socket>();
    const silent = createServer(socket => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    beforeAll(done => void silent.listen(0, '127.0.0.1', done));
    afterAll(done => {
      for (const socket of sockets) socket.destroy();
      silent.close(() => done());
    });

    it('rejects as unavailable at its own deadline, not the default', async () => {
      const deadlineMs = 200;
      const { port } = silent.address() as AddressInfo;
      const queues = new JobStore({
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: fixture.prefix,
        deadlineMs,
      });
      try {
        const started = Date.now();
        const error = await countJobStates(queues).catch(e => e);
        const elapsed = Date.now() - started;
        expect(error).toBeInstanceOf(QueueUnavailableError);
        expect(error.message).toContain(`no answer within ${deadlineMs} ms`);
        // Half-way to the 800 ms default is the bound: 400 ms of room for a
        // loaded box, and a set that ignored its deadline still fails.
        expect(elapsed).toBeGreaterThanOrEqual(deadlineMs - 10);
        expect(elapsed).toBeLessThan(deadlineMs + 400);
      } finally {
        await queues.close();
      }
    });
  });
});
