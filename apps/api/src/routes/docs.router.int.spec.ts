import SwaggerParser from '@apidevtools/swagger-parser';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import request from 'supertest';
import {
  EnqueueAccepted,
  jobCatalog,
  JobTypeList,
  jobTypes,
  JobView,
  Liveness,
  parsePayload,
  Readiness,
  TypeStatsList,
  type ErrorCode,
  type OpenApiDocument,
} from '@errand/contracts';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { httpStatusOf } from '../http/http-status';
import { listRoutes } from '../testing/list-routes';

/** Every method and path the document describes, sorted as listRoutes does. */
function documentedRoutes(doc: OpenApiDocument) {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.keys(item).map(method => ({ method, path })),
    )
    .sort((a, b) =>
      `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`),
    );
}

describe('the API documentation', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  async function fetchDocument(): Promise<OpenApiDocument> {
    const res = await request(app()).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body;
  }

  describe('GET /openapi.json', () => {
    it('serves an OpenAPI 3.1 document that passes the validator', async () => {
      const doc = await fetchDocument();

      expect(doc.openapi).toBe('3.1.0');
      // The validator dereferences in place: give it a copy.
      await expect(
        SwaggerParser.validate(structuredClone(doc) as never),
      ).resolves.toBeDefined();
    });

    it('documents every route the app serves, and no other', async () => {
      const doc = await fetchDocument();

      const served = listRoutes(app());

      expect(served.length).toBeGreaterThanOrEqual(10);
      expect(documentedRoutes(doc)).toEqual(served);
    });

    it('gives each problem response the status its codes map to', async () => {
      const doc = await fetchDocument();
      const problems = Object.values(doc.paths)
        .flatMap(item => Object.values(item))
        .flatMap(op => Object.entries(op.responses))
        .filter(([, res]) => res.content?.['application/problem+json']);

      expect(problems.length).toBeGreaterThan(5);
      for (const [status, res] of problems) {
        const schema = res.content?.['application/problem+json']?.schema;
        const narrowed = (schema?.['allOf'] as { properties?: unknown }[])[1];
        const codes = (narrowed?.properties as { code: { enum: ErrorCode[] } })
          .code.enum;
        expect(codes.map(code => httpStatusOf[code])).toEqual(
          codes.map(() => Number(status)),
        );
      }
    });

    describe('the POST /enqueue request body', () => {
      it('has one variant per catalog type, chosen by type', async () => {
        const { components } = await fetchDocument();
        const union = components.schemas['EnqueueRequest'];

        const mapping = (union?.['discriminator'] as Record<string, object>)
          .mapping;

        expect(union?.['oneOf']).toHaveLength(jobTypes.length);
        expect(Object.keys(mapping)).toEqual(jobTypes);
      });

      it.each(jobTypes)(
        'shows the %s example, whose payload passes its contract',
        async type => {
          const doc = await fetchDocument();
          const content =
            doc.paths['/enqueue']?.post?.requestBody?.content[
              'application/json'
            ];

          const example = content?.examples?.[type]?.value as {
            type: string;
            payload: unknown;
          };

          expect(example.type).toBe(type);
          expect(example.payload).toEqual(jobCatalog[type].example);
          expect(() => parsePayload(type, example.payload)).not.toThrow();
        },
      );
    });
  });

  describe('what the routes answer', () => {
    const matches = (schema: TSchema, body: unknown) =>
      TypeCompiler.Compile(schema).Check(body);

    it('matches the schemas the document shows for them', async () => {
      const accepted = await request(app())
        .post('/enqueue')
        .send({ type: 'system.noop', payload: {} });
      const job = await request(app()).get(accepted.headers.location);

      expect(matches(EnqueueAccepted, accepted.body)).toBe(true);
      expect(matches(JobView, job.body)).toBe(true);
      for (const [path, schema] of [
        ['/healthz', Liveness],
        ['/readyz', Readiness],
        ['/job-types', JobTypeList],
        ['/stats', TypeStatsList],
      ] as const) {
        const res = await request(app()).get(path);
        expect({ path, matches: matches(schema, res.body) }).toEqual({
          path,
          matches: true,
        });
      }
    });
  });

  describe('GET /docs', () => {
    it('serves a page that loads its script from the API, not a CDN', async () => {
      const res = await request(app()).get('/docs');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const sources = [...res.text.matchAll(/<script src="([^"]+)"/g)].map(
        match => match[1],
      );
      expect(sources).toEqual(['/docs/redoc.standalone.js']);
      expect(res.text).toContain('Redoc.init("/openapi.json"');
      expect(res.text).not.toMatch(/https?:\/\//);
    });

    it("serves Redoc's bundle for the page", async () => {
      const res = await request(app()).get('/docs/redoc.standalone.js');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/javascript/);
      expect(res.text.length).toBeGreaterThan(100_000);
      expect(res.text).toContain('Redoc');
    });
  });
});
