import { parseFlowRequest } from '@errand/contracts';
import { enqueueFlow } from '@errand/queue-core';
import { useCliFixture } from '../testing/cli-fixture';

describe('inspector flow and why, on a flow', () => {
  const cli = useCliFixture();

  /** A parent over `n` system.noop children, none run (no worker). */
  const storeFlow = (n: number) =>
    enqueueFlow(
      cli.queues.queues,
      parseFlowRequest({
        type: 'system.noop',
        payload: {},
        children: Array.from({ length: n }, (_, i) => ({
          type: 'system.noop',
          payload: {},
          name: `child-${i}`,
        })),
      }),
    );

  it('draws the tree with each status and a progress bar', async () => {
    const flow = await storeFlow(3);

    const run = await cli.inspector(['flow', 'show', flow.id]);

    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`flow ${flow.id} system.noop waiting`);
    expect(lines[1]).toMatch(/^\[\.{30}\] 0\/4 ended \(3 queued, 1 waiting\)$/);
    expect(lines[2]).toBe(`system.noop ${flow.id} waiting`);
    expect(lines.slice(3)).toHaveLength(3);
    for (const line of lines.slice(3)) {
      expect(line).toMatch(/^ {2}system\.noop "child-\d" \S+ queued$/);
    }
  });

  it('sums up the children past --children, and prints JSON for scripts', async () => {
    const flow = await storeFlow(5);

    const run = await cli.inspector([
      'flow',
      'show',
      flow.id,
      '--children',
      '2',
    ]);
    expect(run.stdout.split('\n').at(-1)).toBe('  … 3 more (3 queued)');

    const json = await cli.inspector(['flow', 'show', flow.id, '--json']);
    expect(json.json()).toMatchObject({
      id: flow.id,
      status: 'waiting',
      nodes: { total: 6, counts: { waiting: 1, queued: 5 } },
      nextCursor: null,
    });
  });

  it('says what a waiting parent waits for', async () => {
    const flow = await storeFlow(3);

    const run = await cli.inspector(['why', flow.id]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'It is waiting for 3 of 3 children (3 queued). [job.waitingForChildren]',
    );
  });

  it('cancels every node that has not ended', async () => {
    const flow = await storeFlow(3);

    const run = await cli.inspector(['flow', 'cancel', flow.id, '--json']);

    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ cancelled: 4, requested: 0, ended: 0 });
    expect((await cli.view(flow.id)).status).toBe('cancelled');
  });

  it('exits 4 when no flow has the id', async () => {
    const run = await cli.inspector([
      'flow',
      'show',
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(run.code).toBe(4);
  });
});
