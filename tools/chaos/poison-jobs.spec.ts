import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awaitFinished, type JobBody } from './poison-jobs';

/** An API stand-in that answers `GET /jobs/:id` with `answers` in turn. */
async function serveAnswers(answers: JobBody[]): Promise<Server> {
  let next = 0;
  const server = createServer((_req, res) => {
    const body = answers[Math.min(next++, answers.length - 1)];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('awaitFinished', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('waits past an answer that has its end time but still its old status', async () => {
    // GET /jobs/:id reads the state before the job (find-job.ts): a job
    // quarantined between the two reads shows `running` with `finishedAt`.
    const finishedAt = '2026-12-06T04:23:50.282Z';
    server = await serveAnswers([
      { status: 'running', finishedAt: null },
      { status: 'running', finishedAt },
      { status: 'dead', finishedAt },
    ]);
    const { port } = server.address() as AddressInfo;

    const job = await awaitFinished(`http://127.0.0.1:${port}`, 'j1', 20_000);

    expect(job.status).toBe('dead');
  }, 30_000);
});
