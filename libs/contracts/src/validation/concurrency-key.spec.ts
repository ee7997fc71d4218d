import { ContractViolationError } from '../errors/contract-violation-error';
import { parseEnqueueRequest } from './parse-enqueue-request';
import { parseFlowRequest } from './parse-flow-request';

const request = (concurrencyKey: unknown) => ({
  type: 'system.noop',
  payload: {},
  concurrencyKey,
});

describe('an enqueue request with a concurrencyKey', () => {
  it('keeps a printable key of 1 to 128 characters', () => {
    expect(parseEnqueueRequest(request('tenant acme/42')).concurrencyKey).toBe(
      'tenant acme/42',
    );
    expect(
      parseEnqueueRequest(request('k'.repeat(128))).concurrencyKey,
    ).toHaveLength(128);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(129)],
    ['with a newline', 'acme\n'],
    ['with a NUL', 'ac\u0000me'],
    ['with a C1 control', 'acme\u0085'],
    ['not a string', 42],
  ])('refuses one %s, naming the field', (_name, key) => {
    let issues: string[] = [];
    try {
      parseEnqueueRequest(request(key));
    } catch (error) {
      if (!(error instanceof ContractViolationError)) throw error;
      issues = error.issues.map(issue => issue.path);
    }
    expect(issues).toEqual(['/concurrencyKey']);
  });
});

describe('a flow whose nodes carry a concurrencyKey', () => {
  const node = (concurrencyKey: unknown) => ({
    type: 'system.noop',
    payload: {},
    concurrencyKey,
  });

  it('keeps each node its key, in a tree and in a chain', () => {
    const tree = parseFlowRequest({
      ...node('root'),
      children: [node('acme'), node('globex')],
    });
    expect(tree.request.concurrencyKey).toBe('root');
    expect(tree.children.map(c => c.request.concurrencyKey)).toEqual([
      'acme',
      'globex',
    ]);

    const chain = parseFlowRequest({ chain: [node('acme'), node('acme')] });
    expect(chain.children[0].request.concurrencyKey).toBe('acme');
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(129)],
    ['with a newline', 'acme\n'],
    ['not a string', 42],
  ])('refuses one %s, naming the node and the field', (_name, key) => {
    const pathsOf = (body: unknown) => {
      try {
        parseFlowRequest(body);
      } catch (error) {
        if (!(error instanceof ContractViolationError)) throw error;
        return error.issues.map(issue => issue.path);
      }
      return [];
    };

    expect(
      pathsOf({ ...node('ok'), children: [node('ok'), node(key)] }),
    ).toEqual(['/children/1/concurrencyKey']);
    expect(pathsOf({ chain: [node('ok'), node(key)] })).toEqual([
      '/chain/1/concurrencyKey',
    ]);
  });
});
