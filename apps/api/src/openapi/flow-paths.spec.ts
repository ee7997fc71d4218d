import { buildOpenApiDocument } from './build-openapi-document';

type ObjectSchema = { properties: Record<string, { maxLength?: number }> };

describe('the flows in the OpenAPI document', () => {
  const schemas = buildOpenApiDocument().components.schemas;

  it.each(['FlowNode', 'FlowChain'])(
    'lets every node of a %s carry a concurrencyKey, as an enqueue does',
    name => {
      const flow = schemas[name] as ObjectSchema & {
        properties: { chain?: { items: ObjectSchema } };
      };
      const node = flow.properties.chain?.items ?? flow;

      expect(node.properties['concurrencyKey']).toMatchObject({
        type: 'string',
        minLength: 1,
        maxLength: 128,
      });
    },
  );
});
