import {
  jobCatalog,
  jobTypes,
  type JsonSchema,
  parseEnqueueRequest,
} from '@errand/contracts';
import { defineJob } from '@errand/contracts/extension';
import { Type } from '@sinclair/typebox';
import { buildOpenApiDocument } from './build-openapi-document';
import { schemaNameOf } from './schema-names';

/** Every value nested in `value`, depth first, with `value` itself. */
function* walk(value: unknown): Generator<unknown> {
  yield value;
  if (value === null || typeof value !== 'object') return;
  for (const child of Object.values(value)) yield* walk(child);
}

const enqueueExamples = (doc = buildOpenApiDocument()) =>
  doc.paths['/enqueue']?.post?.requestBody?.content['application/json']
    ?.examples ?? {};

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument();
  const schemas = doc.components.schemas;

  it('builds an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Errand API');
  });

  it('holds plain JSON only: no TypeBox symbols, functions or undefined', () => {
    for (const value of walk(doc)) {
      expect(typeof value).not.toMatch(/^(function|undefined|symbol)$/);
      if (value !== null && typeof value === 'object') {
        expect(Object.getOwnPropertySymbols(value)).toEqual([]);
      }
    }
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('points every $ref at a schema it defines', () => {
    const refs = [...walk(doc)]
      .filter((v): v is JsonSchema => typeof v === 'object' && v !== null)
      .flatMap(v => (typeof v['$ref'] === 'string' ? [v['$ref']] : []));

    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.replace('#/components/schemas/', '');
      expect(schemas[name]).toBeDefined();
    }
  });

  it('gives every operation a unique id, a summary and a tag', () => {
    const operations = Object.values(doc.paths).flatMap(Object.values);
    const ids = operations.map(op => op.operationId);
    const tagNames = doc.tags.map(tag => tag.name);

    expect(new Set(ids).size).toBe(ids.length);
    for (const op of operations) {
      expect(op.summary).not.toBe('');
      expect(tagNames).toEqual(expect.arrayContaining(op.tags));
    }
  });

  describe('the POST /enqueue body', () => {
    it('is a union with one variant per catalog type, told apart by type', () => {
      const union = schemas['EnqueueRequest'];
      // Derived, so a type added with `nx g @errand/tools:job-type` needs
      // no edit here; the first entry pins the naming.
      const mapping = Object.fromEntries(
        jobTypes.map(type => [
          type,
          `#/components/schemas/${schemaNameOf(type)}EnqueueRequest`,
        ]),
      );
      expect(mapping['email.send']).toBe(
        '#/components/schemas/EmailSendEnqueueRequest',
      );

      expect(union).toMatchObject({
        oneOf: Object.values(mapping).map($ref => ({ $ref })),
        discriminator: { propertyName: 'type', mapping },
      });
      expect(Object.keys(mapping)).toEqual(jobTypes);
    });

    it.each(jobTypes)('narrows type and payload for %s', type => {
      const name = schemaNameOf(type);
      const variant = schemas[`${name}EnqueueRequest`];

      expect(variant).toMatchObject({
        title: type,
        required: ['type', 'payload'],
        additionalProperties: false,
        properties: {
          type: { const: type },
          payload: { $ref: `#/components/schemas/${name}Payload` },
          retries: { type: 'integer', maximum: 25 },
          runAt: { format: 'date-time' },
        },
      });
      expect(variant?.['description']).toContain(jobCatalog[type].description);
    });

    it.each(jobTypes)('shows a %s example that the API accepts', type => {
      const example = enqueueExamples(doc)[type];
      const payload = schemas[`${schemaNameOf(type)}Payload`];

      expect(example?.value).toEqual({
        type,
        payload: jobCatalog[type].example,
      });
      expect(() => parseEnqueueRequest(example?.value)).not.toThrow();
      expect(payload?.['examples']).toEqual([jobCatalog[type].example]);
    });

    it('marks sensitive payload fields with x-sensitive', () => {
      const properties = schemas['EmailSendPayload']?.['properties'];

      expect(properties).toMatchObject({
        text: { 'x-sensitive': true },
        html: { 'x-sensitive': true },
      });
      expect(properties).not.toHaveProperty(['to', 'x-sensitive']);
    });
  });

  describe('when given another catalog', () => {
    const ping = defineJob({
      description: 'Answers pong.',
      version: 2,
      payload: Type.Object({ n: Type.Integer() }),
      result: Type.Object({}),
      example: { n: 1 },
      defaults: { retries: 1, priority: 5, timeoutMs: 1_000 },
    });

    it('documents just those types', () => {
      const other = buildOpenApiDocument({ catalog: { 'net.ping': ping } });

      expect(other.components.schemas['EnqueueRequest']).toMatchObject({
        oneOf: [{ $ref: '#/components/schemas/NetPingEnqueueRequest' }],
      });
      expect(Object.keys(enqueueExamples(other))).toEqual(['net.ping']);
      expect(other.components.schemas['NetPingPayload']).toMatchObject({
        examples: [{ n: 1 }],
      });
    });
  });

  it('builds an equal document each time, sharing nothing with the last', () => {
    const again = buildOpenApiDocument();

    expect(again).toEqual(doc);
    expect(again.components.schemas['EmailSendPayload']).not.toBe(
      schemas['EmailSendPayload'],
    );
  });
});
