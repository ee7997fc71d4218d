import { jobTypes } from '@errand/contracts';
import { createSilentLogger } from '@errand/runtime';
import { createHandlers } from './create-handlers';

describe('createHandlers', () => {
  it('has exactly one handler for each type in the catalog', () => {
    const handlers = createHandlers(createSilentLogger());

    expect(Object.keys(handlers).sort()).toEqual([...jobTypes].sort());
    for (const type of jobTypes) {
      expect(handlers[type]).toEqual(expect.any(Function));
    }
  });
});
