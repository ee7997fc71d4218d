import {
  completed,
  discard,
  jobTypes,
  parseFlowRequest,
  type JobView,
  type OnFailure,
} from '@errand/contracts';
import { getJobView } from '../../store/find-job';
// Other wings' code, reached as users reach it: through the lib's door.
import { enqueueFlow, retryDeadJob } from '../../index';
import { testHandlers, useQueueFixture, waitFor } from '../../testing/index';

/** Generous for a loaded machine; a healthy run takes about two seconds. */
const ENDS_WITHIN_MS = 10_000;

describe('replaying a dead child of a flow', () => {
  const fixture = useQueueFixture();
  const viewWhen = (id: string, done: (view: JobView) => boolean) =>
    waitFor(() => getJobView(fixture.queues, id), done, ENDS_WITHIN_MS);

  /**
   * A parent over a child that dies on its first run and succeeds on its
   * second, and a slower sibling; resolves with the ids once it died.
   */
  async function flowWithDeadChild(onFailure: OnFailure) {
    let runs = 0;
    fixture.startConsumer({
      types: jobTypes,
      concurrency: 4,
      handlers: testHandlers({
        'system.fail': async () =>
          ++runs === 1
            ? discard('down for now')
            : completed({ succeededOnAttempt: 1 }),
        'system.sleep': async ({ ms }) => {
          await new Promise(resolve => setTimeout(resolve, ms));
          return completed({ sleptMs: ms });
        },
      }),
    });
    const flow = await enqueueFlow(
      fixture.queues,
      parseFlowRequest({
        type: 'system.noop',
        payload: {},
        children: [
          { type: 'system.fail', payload: { permanent: true }, onFailure },
          { type: 'system.sleep', payload: { ms: 2_000 } },
        ],
      }),
    );
    const child = flow.nodes[1].id;
    await viewWhen(child, v => v.status === 'dead');
    return { parent: flow.id, child };
  }

  it("brings back a parent that died of it under 'fail-parent', which then runs", async () => {
    const { parent, child } = await flowWithDeadChild('fail-parent');
    const dead = await viewWhen(parent, v => v.status === 'dead');
    expect(dead.lastError?.message).toContain(child);

    await retryDeadJob(fixture.queues, child);

    const view = await viewWhen(parent, v => v.status === 'succeeded');
    expect(view.children).toEqual({ total: 2, counts: { succeeded: 2 } });
  });

  it("lets a parent still waiting under 'ignore' run with the child succeeded", async () => {
    const { parent, child } = await flowWithDeadChild('ignore');
    expect((await getJobView(fixture.queues, parent)).status).toBe('waiting');

    await retryDeadJob(fixture.queues, child);

    const view = await viewWhen(parent, v => v.status === 'succeeded');
    expect(view.children).toEqual({ total: 2, counts: { succeeded: 2 } });
  });
});
