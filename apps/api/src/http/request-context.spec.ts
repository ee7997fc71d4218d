import { createLogger, type Logger, parseTraceparent } from '@errand/runtime';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import {
  REQUEST_ID_HEADER,
  requestContext,
  requestContextOf,
  requestLogFields,
} from './request-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const INCOMING = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

/** The stream winston's Console transport writes to inside Jest. */
const consoleStdout = () =>
  (console as unknown as { _stdout: NodeJS.WriteStream })._stdout;

describe('requestContext', () => {
  let stdout: jest.SpyInstance;
  let logger: Logger;

  beforeEach(() => {
    stdout = jest.spyOn(consoleStdout(), 'write').mockReturnValue(true);
    logger = createLogger({ service: 'api', level: 'http', format: 'json' });
  });

  afterEach(() => {
    logger.close();
    stdout.mockRestore();
  });

  const printed = (): Record<string, unknown>[] =>
    stdout.mock.calls.map(([chunk]) => JSON.parse(String(chunk)));

  /**
   * An app whose one route logs twice with the request's fields, across an
   * await, and shows its trace.
   */
  function app() {
    const built = express();
    built.use(requestContext(logger));
    built.get('/work', async (_req, res) => {
      logger.info('started', requestLogFields(res.locals));
      await new Promise(resolve => setImmediate(resolve));
      logger.warn('finished', requestLogFields(res.locals));
      res.json({ traceparent: requestContextOf(res.locals)?.traceparent });
    });
    return built;
  }

  describe('when the request brings a sane X-Request-Id', () => {
    it('echoes it and puts it on every line the request logs', async () => {
      const res = await request(app())
        .get('/work')
        .set(REQUEST_ID_HEADER, 'lb-7f3a.42');

      expect(res.headers['x-request-id']).toBe('lb-7f3a.42');
      const lines = printed();
      expect(lines.map(line => line['message'])).toEqual([
        'started',
        'finished',
        'request answered',
      ]);
      for (const line of lines) expect(line['requestId']).toBe('lb-7f3a.42');
      expect(lines[2]).toMatchObject({
        level: 'http',
        method: 'GET',
        path: '/work',
        status: 200,
      });
    });
  });

  describe.each([
    ['none', undefined],
    ['one too long', 'x'.repeat(129)],
    ['one with spaces', 'a b'],
    ['one with quotes and braces', 'id"{"level":"error"}'],
  ])('when the request brings %s', (_case, incoming) => {
    it('answers and logs a new UUID instead', async () => {
      const req = request(app()).get('/work');
      if (incoming !== undefined) req.set(REQUEST_ID_HEADER, incoming);
      const res = await req;

      const id = res.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(printed()[0]['requestId']).toBe(id);
    });
  });

  describe('when the request brings a valid traceparent', () => {
    it('continues its trace with a span of its own, and logs the trace id', async () => {
      const res = await request(app())
        .get('/work')
        .set('traceparent', INCOMING);

      const span = parseTraceparent(res.body.traceparent);
      expect(span).toMatchObject({ traceId: TRACE_ID, flags: '01' });
      expect(span?.spanId).not.toBe('00f067aa0ba902b7');
      expect(printed()[0]['traceId']).toBe(TRACE_ID);
    });
  });

  describe.each([
    ['no traceparent', undefined],
    ['a malformed one', 'not-a-trace'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
  ])('when the request brings %s', (_case, incoming) => {
    it('starts a new trace', async () => {
      const req = request(app()).get('/work');
      if (incoming !== undefined) req.set('traceparent', incoming);
      const res = await req;

      const traceId = parseTraceparent(res.body.traceparent)?.traceId;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(traceId).not.toMatch(/^0+$/);
      expect(printed()[0]['traceId']).toBe(traceId);
    });
  });

  describe('when the body arrives in pieces', () => {
    it('keeps the trace and log fields past the body parser', async () => {
      const built = express();
      built.use(requestContext(logger));
      built.post('/slow', express.json(), (req, res) => {
        logger.info('parsed', {
          ...requestLogFields(res.locals),
          keys: Object.keys(req.body),
        });
        res.json({ traceparent: requestContextOf(res.locals)?.traceparent });
      });
      const server = built.listen(0);
      try {
        await new Promise(resolve => server.once('listening', resolve));
        const { port } = server.address() as AddressInfo;
        const body = await new Promise<string>((resolve, reject) => {
          const req = httpRequest(
            {
              port,
              method: 'POST',
              path: '/slow',
              headers: {
                'content-type': 'application/json',
                traceparent: INCOMING,
              },
            },
            res => {
              let text = '';
              res.on('data', (chunk: Buffer) => (text += chunk.toString()));
              res.on('end', () => resolve(text));
            },
          );
          req.on('error', reject);
          req.write('{"first":');
          setTimeout(() => req.end('1}'), 50);
        });

        expect(parseTraceparent(JSON.parse(body).traceparent)?.traceId).toBe(
          TRACE_ID,
        );
        expect(printed()[0]).toMatchObject({
          message: 'parsed',
          traceId: TRACE_ID,
          requestId: expect.any(String),
        });
      } finally {
        server.close();
      }
    });
  });

  describe('when the request sends credentials', () => {
    it('never logs them', async () => {
      const secret = 'sk_live_do-not-log-me';
      await request(app())
        .get('/work')
        .set('Authorization', `Bearer ${secret}`);

      const written = stdout.mock.calls.map(([c]) => String(c)).join('');
      expect(written).toContain('request answered');
      expect(written).not.toContain(secret);
    });
  });
});
