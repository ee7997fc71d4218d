import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { countJobs, type JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp, type AppDependencies } from '../app';
import { rawRequest, type RawAnswer } from './raw-http';

const JSON_TYPE = { 'content-type': 'application/json' };
const email = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
};
const webhook = (body: unknown) => ({
  type: 'webhook.deliver',
  payload: {
    url: 'https://hooks.example.com/errand',
    secret: 'whsec_0123456789abcdef',
    body,
  },
});

async function jobCount(queues: JobStore): Promise<number> {
  const stats = await countJobs(queues);
  return stats
    .flatMap(({ counts }) => Object.values(counts as object) as number[])
    .reduce((a, b) => a + b, 0);
}

/** The problem's code, after checking the answer is a problem at all. */
function codeOf(answer: RawAnswer): string {
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  return JSON.parse(answer.text).code;
}

describe('POST /enqueue with each kind of bad input', () => {
  const fixture = useQueueFixture();
  let server: Server | undefined;
  let port: number;

  /** One listening app per test; `options` override the defaults. */
  async function listen(options: Partial<AppDependencies> = {}) {
    const app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      ...options,
    });
    server = app.listen(0);
    await new Promise(done => server?.once('listening', done));
    port = (server.address() as AddressInfo).port;
  }

  afterEach(async () => {
    await new Promise(done => (server ? server.close(done) : done(null)));
    server = undefined;
  });

  const post = (
    body: Buffer | string,
    headers: Record<string, string> = JSON_TYPE,
  ) => rawRequest(port, 'POST', '/enqueue', headers, body);

  describe('with the default 64 kB limit', () => {
    beforeEach(() => listen());

    it.each([
      ['text/plain', 'text/plain', 415, 'request.unsupportedMediaType'],
      ['no content type', undefined, 415, 'request.unsupportedMediaType'],
      [
        'form encoding',
        'application/x-www-form-urlencoded',
        415,
        'request.unsupportedMediaType',
      ],
      [
        'a charset JSON may not have',
        'application/json; charset=latin1',
        415,
        'request.unsupportedMediaType',
      ],
    ])(
      'refuses %s (%s) with %i %s and stores nothing',
      async (_name, type, status, code) => {
        const before = await jobCount(fixture.queues);
        const answer = await post(
          JSON.stringify(email),
          type ? { 'content-type': type } : {},
        );
        expect([answer.status, codeOf(answer)]).toEqual([status, code]);
        expect(await jobCount(fixture.queues)).toBe(before);
      },
    );

    it.each([
      ['truncated JSON', '{"type":"email.send","payload":{"to":'],
      ['trailing garbage', `${JSON.stringify(email)}garbage`],
      ['two documents', `${JSON.stringify(email)}${JSON.stringify(email)}`],
      ['a bare string', '"email.send"'],
      ['a bare number', '42'],
      ['null', 'null'],
      ['true', 'true'],
      ['an empty body', ''],
      ['a BOM and nothing', '\ufeff'],
    ])('refuses %s with 400 request.malformedJson', async (_name, body) => {
      const answer = await post(body);
      // An empty body parses to nothing, which the contract then refuses.
      expect(answer.status).toBe(400);
      expect(['request.malformedJson', 'contract.invalidRequest']).toContain(
        codeOf(answer),
      );
    });

    it.each([
      ['an array', '[]'],
      ['an array of jobs', JSON.stringify([email])],
      ['an empty object', '{}'],
    ])('refuses %s with 400 contract.invalidRequest', async (_name, body) => {
      const answer = await post(body);
      expect([answer.status, codeOf(answer)]).toEqual([
        400,
        'contract.invalidRequest',
      ]);
    });

    it('refuses a 10 MB body with 413 request.bodyTooLarge', async () => {
      const body = JSON.stringify(webhook('x'.repeat(10 * 1024 * 1024)));
      const answer = await post(body);
      expect([answer.status, codeOf(answer)]).toEqual([
        413,
        'request.bodyTooLarge',
      ]);
    });

    it('stops inflating a gzip bomb at the limit: 413, and memory stays flat', async () => {
      // 200 MB of JSON that gzips to about 200 kB.
      const bomb = gzipSync(
        Buffer.concat([
          Buffer.from('{"type":"webhook.deliver","payload":{"body":"'),
          Buffer.alloc(200 * 1024 * 1024, 'a'),
          Buffer.from('"}}'),
        ]),
      );
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const answer = await post(bomb, {
        ...JSON_TYPE,
        'content-encoding': 'gzip',
      });
      const grown = process.memoryUsage().rss - rssBefore;
      expect([answer.status, codeOf(answer)]).toEqual([
        413,
        'request.bodyTooLarge',
      ]);
      // Inflating it all would take 200 MB; the parser stops at 64 kB.
      expect(grown).toBeLessThan(64 * 1024 * 1024);
    });

    it('refuses gzip that does not inflate with 400, not 500', async () => {
      const answer = await post('{"not":"gzip"}', {
        ...JSON_TYPE,
        'content-encoding': 'gzip',
      });
      expect([answer.status, codeOf(answer)]).toEqual([
        400,
        'request.malformedJson',
      ]);
    });

    it('refuses an unknown Content-Encoding with 415', async () => {
      const answer = await post(JSON.stringify(email), {
        ...JSON_TYPE,
        'content-encoding': 'x-compress-9000',
      });
      expect([answer.status, codeOf(answer)]).toEqual([
        415,
        'request.unsupportedMediaType',
      ]);
    });

    it('takes a gzip body that inflates to a valid job', async () => {
      const answer = await post(gzipSync(JSON.stringify(email)), {
        ...JSON_TYPE,
        'content-encoding': 'gzip',
      });
      expect(answer.status).toBe(202);
    });

    it.each([
      'jobId',
      'attempts',
      'removeOnComplete',
      'removeOnFail',
      'repeat',
      'backoff',
      'lifo',
      'owner',
      'version',
    ])(
      'refuses the internal option %s in the envelope with 400 contract.invalidRequest naming it',
      async option => {
        const before = await jobCount(fixture.queues);
        const answer = await post(
          JSON.stringify({
            ...email,
            [option]: option === 'repeat' ? { every: 1 } : 1,
          }),
        );
        expect([answer.status, codeOf(answer)]).toEqual([
          400,
          'contract.invalidRequest',
        ]);
        expect(JSON.parse(answer.text).errors).toContainEqual(
          expect.objectContaining({ path: `/${option}` }),
        );
        expect(await jobCount(fixture.queues)).toBe(before);
      },
    );

    it.each([
      ['retries', { ...email, retries: '1e309' }, ''],
      ['priority', { ...email, priority: '1e309' }, ''],
      ['delay', { ...email, delay: '1e309' }, ''],
      ['a payload number', webhook({}), 'timeoutMs'],
    ])(
      'refuses 1e309 (Infinity once parsed) as %s with 400',
      async (_name, value, field) => {
        let text = JSON.stringify(value).replace('"1e309"', '1e309');
        if (field)
          text = text.replace('"body":{}', `"body":{},"${field}":1e309`);
        const answer = await post(text);
        expect(answer.status).toBe(400);
        expect(codeOf(answer)).toMatch(/^contract\./);
      },
    );

    /** A webhook whose free-form body is `depth` nested arrays. */
    const nested = (depth: number) =>
      JSON.stringify(webhook('PLACEHOLDER')).replace(
        '"PLACEHOLDER"',
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
      );

    it.each([65, 5_000, 30_000])(
      'refuses a body nested %i levels deep with 400 contract.invalidRequest, not a 500',
      async depth => {
        const before = await jobCount(fixture.queues);
        const answer = await post(nested(depth));
        expect([answer.status, codeOf(answer)]).toEqual([
          400,
          'contract.invalidRequest',
        ]);
        expect(await jobCount(fixture.queues)).toBe(before);
      },
    );

    it('takes a body nested as deep as the limit allows', async () => {
      // The envelope and payload are two levels, the body the rest.
      const answer = await post(nested(62));
      expect(answer.status).toBe(202);
    });

    it('refuses an envelope key __proto__ and pollutes nothing', async () => {
      const before = await jobCount(fixture.queues);
      const text = JSON.stringify(email).replace(
        /^\{/,
        '{"__proto__":{"polluted":"yes"},',
      );
      const answer = await post(text);
      expect([answer.status, codeOf(answer)]).toEqual([
        400,
        'contract.invalidRequest',
      ]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(await jobCount(fixture.queues)).toBe(before);
    });

    it.each([
      ['__proto__', '{"__proto__":{"polluted":"yes"}}'],
      [
        'constructor.prototype',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
      ],
    ])(
      'stores a free-form body holding %s as data, polluting nothing',
      async (_name, body) => {
        const text = JSON.stringify(webhook('PLACEHOLDER')).replace(
          '"PLACEHOLDER"',
          body,
        );
        const answer = await post(text);
        expect(answer.status).toBe(202);
        const { id } = JSON.parse(answer.text);
        const job = await rawRequest(port, 'GET', `/jobs/${id}`, {});
        expect(JSON.parse(job.text).payload.body).toEqual(JSON.parse(body));
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      },
    );

    it.each([
      ['NUL', 'a\u0000b'],
      ['a lone high surrogate', 'a\ud800b'],
      ['a lone low surrogate', 'a\udc00b'],
      ['terminal escapes', '\u001b[31mred\u001b[0m\u001b]0;owned\u0007'],
      ['CRLF', 'Hi\r\nBcc: victim@example.com'],
    ])('stores %s in a string exactly as sent', async (_name, subject) => {
      const answer = await post(
        JSON.stringify({ ...email, payload: { ...email.payload, subject } }),
      );
      expect(answer.status).toBe(202);
      const { id } = JSON.parse(answer.text);
      const job = await rawRequest(port, 'GET', `/jobs/${id}`, {});
      expect(JSON.parse(job.text).payload.subject).toBe(subject);
    });
  });

  describe('with a 1 MB limit, so that big bodies reach the contract', () => {
    beforeEach(() => listen({ bodyLimit: '1mb' }));

    it('refuses 10 000 unknown payload properties with 400 and a bounded answer', async () => {
      const payload: Record<string, string> = { ...email.payload };
      for (let i = 0; i < 10_000; i++) payload[`k${i}`] = 'v';
      const answer = await post(JSON.stringify({ ...email, payload }));
      expect([answer.status, codeOf(answer)]).toEqual([
        400,
        'contract.invalidPayload',
      ]);
      expect(answer.text.length).toBeLessThan(64 * 1024);
    });

    it('refuses a 60 000-address recipient list with 400 and a bounded answer', async () => {
      const to = Array.from({ length: 60_000 }, (_, i) => `u${i}@x.io`);
      const answer = await post(
        JSON.stringify({ ...email, payload: { ...email.payload, to } }),
      );
      expect([answer.status, codeOf(answer)]).toEqual([
        400,
        'contract.invalidPayload',
      ]);
      expect(answer.text.length).toBeLessThan(64 * 1024);
    });

    it('refuses 100 000 bad addresses with 400 and a bounded answer', async () => {
      const to = Array.from({ length: 40 }, () => 'not an address');
      const bcc = Array.from({ length: 100_000 }, () => 'nope');
      const answer = await post(
        JSON.stringify({ ...email, payload: { ...email.payload, to, bcc } }),
      );
      expect(answer.status).toBe(400);
      expect(answer.text.length).toBeLessThan(64 * 1024);
    });
  });
});
