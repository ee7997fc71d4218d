import { createErrandClient } from '../create-errand-client';
import { ErrandClientError } from '../errors/errand-client-error';

describe('client.flows', () => {
  function clientSeeing(requests: Request[]) {
    return createErrandClient({
      baseUrl: 'http://127.0.0.1:8000',
      fetch: async (input, init) => {
        requests.push(new Request(input, init));
        return Response.json({ id: 'root' }, { status: 202 });
      },
    });
  }

  it('posts a flow to /flows with its Idempotency-Key', async () => {
    const requests: Request[] = [];
    const flow = {
      type: 'system.noop' as const,
      payload: {},
      children: [{ type: 'system.sleep' as const, payload: { ms: 1 } }],
    };

    await clientSeeing(requests).flows.create(flow, { idempotencyKey: 'k-1' });

    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(new URL(requests[0].url).pathname).toBe('/flows');
    expect(requests[0].headers.get('idempotency-key')).toBe('k-1');
    expect(await requests[0].json()).toEqual(flow);
  });

  it('refuses a child that breaks its contract before sending, naming its path', async () => {
    const requests: Request[] = [];
    const bad = {
      type: 'system.noop',
      payload: {},
      children: [{ type: 'system.sleep', payload: { ms: 'soon' } }],
    } as never;

    const refusal = clientSeeing(requests).flows.create(bad);

    await expect(refusal).rejects.toBeInstanceOf(ErrandClientError);
    await expect(refusal).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: '/children/0/payload/ms' })],
    });
    expect(requests).toHaveLength(0);
  });
});
