import { buildOpenApiDocument } from './build-openapi-document';

describe('the callbacks in the OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('describes the job.ended POST to the URL an enqueue body names', () => {
    const callbacks = doc.paths['/enqueue']?.post?.callbacks;
    const operation =
      callbacks?.jobEnded['{$request.body#/callback/url}']?.post;

    expect(operation?.requestBody?.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CallbackEvent',
    });
    expect(operation?.parameters?.map(parameter => parameter.name)).toEqual([
      'Errand-Signature',
      'Errand-Timestamp',
      'Errand-Delivery-Id',
    ]);
  });

  it("describes the flow root's callback on POST /flows", () => {
    expect(doc.paths['/flows']?.post?.callbacks).toEqual(
      doc.paths['/enqueue']?.post?.callbacks,
    );
  });

  it('defines the event with the ended job view', () => {
    expect(doc.components.schemas.CallbackEvent).toMatchObject({
      properties: {
        event: { const: 'job.ended' },
        status: {
          anyOf: [
            { const: 'succeeded' },
            { const: 'dead' },
            { const: 'cancelled' },
          ],
        },
      },
    });
  });

  it('lets every body variant name the callback URL', () => {
    expect(doc.components.schemas.SystemNoopEnqueueRequest).toMatchObject({
      properties: {
        callback: {
          properties: { url: { format: 'outbound-url' } },
          additionalProperties: false,
        },
      },
    });
  });
});
