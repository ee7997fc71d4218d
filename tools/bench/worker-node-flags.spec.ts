import { readFileSync } from 'node:fs';
import { ROOT } from '@errand/local-redis';
import { WORKER_NODE_FLAGS } from './bench-context';

/**
 * The bench runs the worker as its image does (moved here from the
 * deploy checks when the bench became a project of its own, so neither
 * reaches into the other's folder).
 */
describe('worker.Dockerfile', () => {
  it('runs the worker with the V8 flags the bench measured', () => {
    const dockerfile = readFileSync(`${ROOT}/docker/worker.Dockerfile`, 'utf8');
    // The image's command: the last CMD in exec form, at the start of a line.
    const cmd = dockerfile
      .match(/^CMD (\[.*\])$/gm)
      ?.at(-1)
      ?.slice(4);

    expect(JSON.parse(cmd ?? '[]')).toEqual([
      'node',
      ...WORKER_NODE_FLAGS,
      'main.js',
    ]);
  });
});
