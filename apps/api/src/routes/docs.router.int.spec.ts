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
} from '@errand/contracts';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';
import { httpStatusOf } from '../http/http-status';
import type { OpenApiDocument } from '../openapi/openapi-object';
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

  describe('the security scheme', () => {
    const KEY = 'errand_producer-key-for-docs-0123456789abcdef';

    it('is the Bearer header the API checks, on POST /enqueue', async () => {
      const { components, paths } = await fetchDocument();
      const keyed = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: [{ name: 'shop', role: 'producer', hash: hashApiKey(KEY) }],
      });
      const body = { type: 'system.noop', payload: {} };

      expect(components.securitySchemes).toEqual({
        apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      });
      expect(paths['/enqueue']?.post?.security).toEqual([{ apiKey: [] }]);
      expect((await request(keyed).post('/enqueue').send(body)).status).toBe(
        401,
      );
      const sent = await request(keyed)
        .post('/enqueue')
        .set('Authorization', `Bearer ${KEY}`)
        .send(body);
      expect(sent.status).toBe(202);
    });

    it('comes first with an email.send example that is accepted', async () => {
      const doc = await fetchDocument();
      const examples =
        doc.paths['/enqueue']?.post?.requestBody?.content['application/json']
          ?.examples ?? {};
      // Swagger UI fills "Try it out" with the first example.
      const [first] = Object.values(examples);

      expect(first?.value).toMatchObject({ type: 'email.send' });
      const res = await request(app())
        .post('/enqueue')
        .send(first?.value as object);
      expect(res.status).toBe(202);
    });
  });

  /** The `src` of each script tag, and whether any tag has a body. */
  function scriptsOf(html: string) {
    const tags = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    return {
      sources: tags.map(
        ([, attributes = '']) => /src="([^"]+)"/.exec(attributes)?.[1],
      ),
      inline: tags.filter(([, , body = '']) => body.trim() !== '').length,
    };
  }

  /** The directives of a Content-Security-Policy header, by name. */
  const directivesOf = (csp: string | undefined) =>
    Object.fromEntries(
      (csp ?? '').split(';').map(part => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );

  describe('GET /docs', () => {
    it('serves Swagger UI, with its scripts from the API and none inline', async () => {
      const res = await request(app()).get('/docs');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(scriptsOf(res.text)).toEqual({
        sources: [
          '/docs/assets/swagger-ui-bundle.js',
          '/docs/assets/swagger-ui-init.js',
        ],
        inline: 0,
      });
      expect(res.text).toContain('href="/docs/assets/swagger-ui.css"');
      expect(res.text).not.toMatch(/https?:\/\//);
    });

    it('starts Swagger UI on the document, keeping the key across reloads', async () => {
      const res = await request(app()).get('/docs/assets/swagger-ui-init.js');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/javascript/);
      expect(res.text).toContain('SwaggerUIBundle(');
      expect(res.text).toContain('"url":"/openapi.json"');
      expect(res.text).toContain('"persistAuthorization":true');
      expect(res.text).toContain('"validatorUrl":null');
    });

    it('sends a CSP that allows scripts and requests to its own origin only', async () => {
      const res = await request(app()).get('/docs');

      expect(directivesOf(res.headers['content-security-policy'])).toEqual({
        'default-src': "'none'",
        'script-src': "'self'",
        'style-src': "'self'",
        'img-src': "'self' data:",
        'connect-src': "'self'",
        'base-uri': "'none'",
        'form-action': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('GET /redoc', () => {
    it('serves Redoc, with its scripts from the API and none inline', async () => {
      const res = await request(app()).get('/redoc');

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(scriptsOf(res.text)).toEqual({
        sources: [
          '/docs/assets/redoc.standalone.js',
          '/docs/assets/redoc-init.js',
        ],
        inline: 0,
      });
      expect(res.text).not.toMatch(/https?:\/\//);
      const init = await request(app()).get('/docs/assets/redoc-init.js');
      expect(init.text).toContain('Redoc.init("/openapi.json"');
    });

    it('sends a CSP that allows inline styles but no inline script', async () => {
      const res = await request(app()).get('/redoc');

      const directives = directivesOf(res.headers['content-security-policy']);

      expect(directives['script-src']).toBe("'self'");
      expect(directives['style-src']).toBe("'self' 'unsafe-inline'");
      expect(directives['default-src']).toBe("'none'");
    });
  });

  describe('GET /docs/assets/{file}', () => {
    it('serves every file the document lists', async () => {
      const doc = await fetchDocument();
      const files = (
        doc.paths['/docs/assets/{file}']?.get?.parameters?.[0]?.schema[
          'anyOf'
        ] as { const: string }[]
      ).map(option => option.const);

      expect(files).toHaveLength(5);
      for (const file of files) {
        const res = await request(app()).get(`/docs/assets/${file}`);
        expect({ file, status: res.status }).toEqual({ file, status: 200 });
        expect(res.headers['content-type']).toMatch(
          file.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
        );
      }
    });

    it('serves the libraries from their packages', async () => {
      const swaggerUi = await request(app()).get(
        '/docs/assets/swagger-ui-bundle.js',
      );
      const redoc = await request(app()).get(
        '/docs/assets/redoc.standalone.js',
      );

      expect(swaggerUi.text.length).toBeGreaterThan(1_000_000);
      expect(swaggerUi.text).toContain('SwaggerUIBundle');
      expect(redoc.text.length).toBeGreaterThan(100_000);
      expect(redoc.text).toContain('Redoc');
    });

    it('serves the pages and their files without a key when keys are configured', async () => {
      const keyed = createApp({
        queues: fixture.queues,
        logger: createSilentLogger(),
        apiKeys: [
          { name: 'ops', role: 'admin', hash: hashApiKey('x'.repeat(40)) },
        ],
      });

      for (const path of [
        '/docs',
        '/redoc',
        '/openapi.json',
        '/docs/assets/swagger-ui-init.js',
      ]) {
        const res = await request(keyed).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      expect((await request(keyed).get('/stats')).status).toBe(401);
    });

    it('answers a file it does not have with a JSON 404', async () => {
      for (const file of ['nope.js', 'constructor', '..%2Fpackage.json']) {
        const res = await request(app()).get(`/docs/assets/${file}`);

        expect({ file, status: res.status }).toEqual({ file, status: 404 });
        expect(res.body.code).toBe('request.routeNotFound');
      }
    });
  });
});
