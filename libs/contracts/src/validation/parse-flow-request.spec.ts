import { ContractViolationError } from '../errors/contract-violation-error';
import { FlowTooLargeError } from '../errors/flow-too-large-error';
import { parseFlowRequest } from './parse-flow-request';

const email = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Hi' },
};
const noop = { type: 'system.noop', payload: {} };

function violation(body: unknown, limits = {}): ContractViolationError {
  try {
    parseFlowRequest(body, limits);
  } catch (error) {
    if (error instanceof ContractViolationError) return error;
    throw error;
  }
  throw new Error('expected a violation');
}

describe('parseFlowRequest', () => {
  describe('when every node matches its contract', () => {
    it('returns the tree with paths, names and the default policy', () => {
      const root = parseFlowRequest({
        ...noop,
        children: [
          { ...email, name: 'a' },
          { ...noop, name: 'b', onFailure: 'ignore', children: [noop] },
        ],
      });
      expect(root.path).toBe('/');
      expect(root.onFailure).toBe('fail-parent');
      expect(root.children.map(c => [c.path, c.name, c.onFailure])).toEqual([
        ['/children/0', 'a', 'fail-parent'],
        ['/children/1', 'b', 'ignore'],
      ]);
      expect(root.children[1].children[0].path).toBe('/children/1/children/0');
      expect(root.children[0].request.type).toBe('email.send');
    });

    it('stores a chain as a tree: the last step is the root', () => {
      const root = parseFlowRequest({ chain: [email, noop, noop] });
      expect(root.path).toBe('/chain/2');
      expect(root.children[0].path).toBe('/chain/1');
      expect(root.children[0].children[0].path).toBe('/chain/0');
      expect(root.children[0].children[0].children).toEqual([]);
    });
  });

  describe('when a node breaks the contract', () => {
    it('names every bad node by its path, payload fields included', () => {
      const error = violation({
        ...noop,
        children: [email, { ...email, payload: { subject: 'Hi' } }, noop],
      });
      expect(error.code).toBe('contract.invalidPayload');
      expect(error.issues).toEqual([
        expect.objectContaining({ path: '/children/1/payload/to' }),
      ]);
    });

    it('refuses unknown types, repeated names and unknown fields', () => {
      const error = violation({
        ...noop,
        children: [
          { ...noop, name: 'x' },
          { ...noop, name: 'x' },
          { type: 'no.such', payload: {} },
          { ...noop, colour: 'red' },
        ],
      });
      expect(error.code).toBe('contract.invalidRequest');
      const paths = error.issues.map(i => i.path);
      expect(paths).toContain('/children/1/name');
      expect(paths).toContain('/children/2/type');
      expect(paths).toContain('/children/3/colour');
    });

    it('refuses a chain of one, and a chain step with children', () => {
      expect(violation({ chain: [noop] }).issues[0].path).toBe('/chain');
      expect(
        violation({ chain: [noop, { ...noop, children: [noop] }] }).issues[0]
          .path,
      ).toBe('/chain/1/children');
    });
  });

  describe('when the flow is past a limit', () => {
    const wide = { ...noop, children: Array.from({ length: 5 }, () => noop) };

    it('refuses more nodes than maxNodes with flow.tooLarge', () => {
      expect(() => parseFlowRequest(wide, { maxNodes: 5 })).toThrow(
        FlowTooLargeError,
      );
      expect(() => parseFlowRequest(wide, { maxNodes: 6 })).not.toThrow();
    });

    it('refuses more levels than maxDepth, naming the limit', () => {
      const deep = { ...noop, children: [{ ...noop, children: [noop] }] };
      const error = violation(deep, { maxDepth: 2 });
      expect(error.message).toContain('FLOW_MAX_DEPTH');
      expect(() => parseFlowRequest(deep, { maxDepth: 3 })).not.toThrow();
      expect(
        violation({ chain: [noop, noop, noop] }, { maxDepth: 2 }).issues[0]
          .path,
      ).toBe('/chain');
    });
  });
});
