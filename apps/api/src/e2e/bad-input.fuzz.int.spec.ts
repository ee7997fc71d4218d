import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ErrorCode, parseEnqueueRequest } from '@errand/contracts';
import { countJobs, type JobStore } from '@errand/queue-core';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';
import { hashApiKey } from '../auth/find-api-key';
import { httpStatusOf } from '../http/http-status';
import { rawRequest } from './raw-http';

/** The one key the app knows; most requests carry it. */
const KEY = `errand_fuzz_${randomBytes(16).toString('hex')}`;

/** Requests per run: the issue asks for at least 2 000. */
const RUNS = 2_500;
const CODES = new Set<string>(Object.values(ErrorCode));

const validEmail = {
  type: 'email.send',
  payload: { to: 'user@example.com', subject: 'Welcome!' },
};

/** Envelope fields a client must never set: BullMQ's own options. */
const internalOptions = [
  'jobId',
  'attempts',
  'removeOnComplete',
  'removeOnFail',
  'repeat',
  'backoff',
  'lifo',
  'parent',
  'owner',
  'version',
  '__proto__',
  'constructor',
];

/** A valid body with one thing changed: the near misses a fuzzer rarely finds. */
const nearMiss = fc.oneof(
  // Mostly valid: the accepted side of the count is exercised too.
  fc.integer({ min: -2, max: 30 }).map(retries => ({ ...validEmail, retries })),
  fc
    .record({
      key: fc.constantFrom(...internalOptions, 'retries', 'priority', 'delay'),
      value: fc.jsonValue(),
    })
    .map(({ key, value }) => ({ ...validEmail, [key]: value })),
  fc.jsonValue().map(payload => ({ ...validEmail, payload })),
  fc.string().map(type => ({ ...validEmail, type })),
  fc
    .record({ key: fc.string(), value: fc.jsonValue() })
    .map(({ key, value }) => ({
      ...validEmail,
      payload: { ...validEmail.payload, [key]: value },
    })),
  fc
    .record({
      retries: fc.oneof(fc.integer(), fc.double()),
      priority: fc.oneof(fc.integer(), fc.double()),
    })
    .map(options => ({ ...validEmail, ...options })),
);

/** Body bytes: JSON of any shape, near misses, and text that is not JSON. */
const bodyBytes = fc.oneof(
  nearMiss.map(value => JSON.stringify(value)),
  fc.jsonValue().map(value => JSON.stringify(value)),
  fc.json(),
  fc.string({ unit: 'binary' }),
  nearMiss.map(value => JSON.stringify(value).slice(0, -1)),
  nearMiss.map(value => `${JSON.stringify(value)}}garbage`),
  fc.uint8Array({ maxLength: 256 }).map(bytes => Buffer.from(bytes)),
);

const contentType = fc.option(
  fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 8 },
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/merge-patch+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/JSON',
    ),
    fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  ),
  { nil: undefined },
);

const extraHeaders = fc.record(
  {
    'content-encoding': fc.constantFrom(
      'identity',
      'identity',
      'identity',
      'identity',
      'identity',
      'gzip',
      'deflate',
      'br',
      'x-unknown',
    ),
    'idempotency-key': fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
    authorization: fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
      fc.string({ unit: 'grapheme-ascii' }).map(key => `Bearer ${key}`),
      fc.constantFrom('', 'Bearer', `Bearer ${KEY}x`, `Basic ${KEY}`),
    ),
    accept: fc.constantFrom('*/*', 'text/html', 'application/xml'),
  },
  { requiredKeys: [] },
);

/** Rarely a header at all: most bodies should reach the contract. */
const sometimesHeaders = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  { arbitrary: extraHeaders, weight: 1 },
);

/** Strings Node refuses to put in a header are the client's problem. */
const headerSafe = (value: string) => /^[\t\x20-\x7e]*$/.test(value);

async function jobCount(queues: JobStore): Promise<number> {
  const stats = await countJobs(queues);
  return stats.reduce(
    (sum, { counts }) =>
      sum +
      Object.values(counts as unknown as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      ),
    0,
  );
}

function isValid(text: string): boolean {
  try {
    parseEnqueueRequest(JSON.parse(text));
    return true;
  } catch {
    return false;
  }
}

describe('POST /enqueue under generated bad input', () => {
  const fixture = useQueueFixture();
  let server: Server;
  let port: number;

  beforeEach(async () => {
    const app = createApp({
      queues: fixture.queues,
      logger: createSilentLogger(),
      apiKeys: [{ name: 'fuzz', role: 'producer', hash: hashApiKey(KEY) }],
    });
    server = app.listen(0);
    await new Promise(done => server.once('listening', done));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await new Promise(done => server.close(done));
  });

  it(`never answers 5xx, never stores an invalid body, and refuses with a problem (${RUNS} requests)`, async () => {
    const before = await jobCount(fixture.queues);
    let created = 0;
    const statuses: Record<number, number> = {};

    await fc.assert(
      fc.asyncProperty(
        bodyBytes,
        contentType,
        sometimesHeaders,
        fc.boolean(),
        async (body, type, extra, compress) => {
          const headers: Record<string, string> = {
            authorization: `Bearer ${KEY}`,
          };
          if (type !== undefined && headerSafe(type)) {
            headers['content-type'] = type;
          }
          for (const [name, value] of Object.entries(extra)) {
            if (headerSafe(value)) headers[name] = value;
          }
          const bytes =
            compress && headers['content-encoding'] === 'gzip'
              ? gzipSync(body)
              : Buffer.from(body);
          const answer = await rawRequest(
            port,
            'POST',
            '/enqueue',
            headers,
            bytes,
          );
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;

          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.contentType).toMatch(/^application\/problem\+json/);
            const problem = JSON.parse(answer.text);
            expect(CODES.has(problem.code)).toBe(true);
            expect(httpStatusOf[problem.code as ErrorCode]).toBe(answer.status);
          } else {
            // Accepted: what was sent was a valid request, as sent.
            expect(isValid(Buffer.from(body).toString('utf8'))).toBe(true);
            if (answer.status === 202) created += 1;
          }
        },
      ),
      { numRuns: RUNS },
    );

    expect(await jobCount(fixture.queues)).toBe(before + created);
    expect(created).toBeGreaterThan(0);
    // The generators reach past the parser: most answers are contract
    // refusals, not only 415s.
    expect(statuses[400]).toBeGreaterThan(RUNS / 4);
    expect(statuses[401]).toBeGreaterThan(0);
  }, 120_000);
});
