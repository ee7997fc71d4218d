import { parseFlowRequest } from '@errand/contracts';
// Another wing's code, reached as users reach it: through the lib's door.
import { enqueueFlow, setJobTypeLimits } from '../index';
import { useQueueFixture } from '../testing/index';

const node = (concurrencyKey?: string) => ({
  type: 'system.sleep',
  payload: { ms: 1 },
  ...(concurrencyKey && { concurrencyKey }),
});

describe('enqueueFlow', () => {
  const fixture = useQueueFixture();

  /** Each node's BullMQ state, by the node's path. */
  const statesOf = async (body: unknown) => {
    const flow = await enqueueFlow(fixture.queues, parseFlowRequest(body));
    const queue = fixture.queues.queueFor('system.sleep');
    return new Map(
      await Promise.all(
        flow.nodes.map(
          async ({ path, id }) => [path, await queue.getJobState(id)] as const,
        ),
      ),
    );
  };

  describe('when leaves share a concurrencyKey whose type caps it at 2', () => {
    beforeEach(() =>
      setJobTypeLimits(fixture.queues, 'system.sleep', {
        rateLimit: null,
        maxConcurrent: null,
        perKeyConcurrency: 2,
      }),
    );

    it('queues two of the key and holds the rest delayed; other keys and the parent are not held', async () => {
      const states = await statesOf({
        ...node('acme'),
        children: [
          ...Array.from({ length: 5 }, () => node('acme')),
          node('globex'),
          node(),
        ],
      });

      const acme = [0, 1, 2, 3, 4].map(i => states.get(`/children/${i}`));
      expect(acme.filter(state => state === 'waiting')).toHaveLength(2);
      expect(acme.filter(state => state === 'delayed')).toHaveLength(3);
      expect(states.get('/children/5')).toBe('waiting');
      expect(states.get('/children/6')).toBe('waiting');
      // A parent is held by the worker's key gate when it runs, not here.
      expect(states.get('/')).toBe('waiting-children');
    });
  });

  describe('when the type has no per-key cap', () => {
    it('queues every keyed leaf at once', async () => {
      const states = await statesOf({
        ...node(),
        children: Array.from({ length: 4 }, () => node('acme')),
      });

      expect([0, 1, 2, 3].map(i => states.get(`/children/${i}`))).toEqual([
        'waiting',
        'waiting',
        'waiting',
        'waiting',
      ]);
    });
  });
});
