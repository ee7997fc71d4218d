import { roleFor } from '../auth/route-roles';
import { buildOpenApiDocument } from './build-openapi-document';
import type { OpenApiOperation } from './openapi-object';

describe('access control in the OpenAPI document', () => {
  const doc = buildOpenApiDocument();
  const operation = (path: string, method: string) =>
    (doc.paths[path] as Record<string, OpenApiOperation>)[method];
  const codesOf = (op: OpenApiOperation, status: string) =>
    JSON.stringify(op.responses[status]);

  it('declares the bearer scheme', () => {
    expect(doc.components.securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });

  it.each([
    ['/healthz', 'get'],
    ['/readyz', 'get'],
    ['/openapi.json', 'get'],
    ['/docs', 'get'],
    ['/redoc', 'get'],
    ['/docs/assets/{file}', 'get'],
    ['/job-types', 'get'],
    ['/admin/queues/login', 'post'],
  ])('leaves %s public', (path, method) => {
    const op = operation(path, method);

    expect(op.security).toBeUndefined();
    expect(op.description).not.toContain('Needs an API key');
  });

  it('lets producers enqueue, and says a scoped key gets 403 and a full queue 429', () => {
    const op = operation('/enqueue', 'post');

    expect(op.security).toEqual([{ apiKey: [] }]);
    expect(op.description).toContain('role `producer` or `admin`');
    expect(codesOf(op, '401')).toContain('auth.unauthenticated');
    expect(codesOf(op, '403')).toContain('scoped to other job types');
    expect(codesOf(op, '429')).toContain('request.rateLimited');
    expect(codesOf(op, '429')).toContain('queue.full');
    expect(op.responses['429'].headers).toHaveProperty('Retry-After');
  });

  it.each([
    ['/stats', 'get'],
    ['/jobs/{id}', 'delete'],
    ['/jobs/{id}/retry', 'post'],
    ['/schedules', 'get'],
  ])('marks %s %s admin only', (path, method) => {
    const op = operation(path, method);

    expect(op.security).toEqual([{ apiKey: [] }]);
    expect(op.description).toContain('role `admin`.');
    expect(codesOf(op, '429')).not.toContain('queue.full');
  });

  // Every protected operation the document lists, with a concrete path.
  const protectedOperations = Object.entries(doc.paths).flatMap(
    ([path, operations]) =>
      Object.entries(operations as Record<string, OpenApiOperation>)
        .filter(([, op]) => op.security !== undefined)
        .map(([method, op]) => ({
          method,
          path,
          concrete: path.replace(/\{[^}]+\}/g, 'job-1'),
          op,
        })),
  );

  const documentedRole = (op: OpenApiOperation) =>
    op.description?.includes('`producer` or `admin`') ? 'producer' : 'admin';

  it('states, for every protected operation, the role the API enforces', () => {
    expect(
      new Set(protectedOperations.map(({ op }) => documentedRole(op))),
    ).toEqual(new Set(['producer', 'admin']));
    const disagreements = protectedOperations.filter(
      ({ method, concrete, op }) =>
        roleFor(method.toUpperCase(), concrete) !== documentedRole(op),
    );

    expect(disagreements.map(d => `${d.method} ${d.path}`)).toEqual([]);
  });
});
