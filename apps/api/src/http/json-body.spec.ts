import express from 'express';
import request from 'supertest';
import { createSilentLogger } from '@errand/runtime';
import { errorHandler } from './error-handler';
import { jsonBody } from './json-body';
import { MAX_JSON_DEPTH } from './json-depth';

/** An app that echoes what `jsonBody` let through. */
function echo() {
  const app = express();
  app.post('/', ...jsonBody('2mb'), (req, res) => {
    res.json({ body: req.body as unknown });
  });
  app.use(errorHandler(createSilentLogger()));
  return app;
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const post = (body: string | Buffer, type = 'application/json') =>
  request(echo()).post('/').set('content-type', type).send(body);

describe('jsonBody', () => {
  it('parses a body nested exactly to the limit', async () => {
    const answer = await post(nested(MAX_JSON_DEPTH));
    expect(answer.status).toBe(200);
  });

  it('refuses one level more as 400 contract.invalidRequest', async () => {
    const answer = await post(nested(MAX_JSON_DEPTH + 1));
    expect([answer.status, answer.body.code]).toEqual([
      400,
      'contract.invalidRequest',
    ]);
    expect(answer.headers['content-type']).toMatch('application/problem+json');
  });

  it('refuses 10^6 nested [ the same way', async () => {
    const answer = await post(nested(1_000_000));
    expect([answer.status, answer.body.detail]).toEqual([
      400,
      `The body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`,
    ]);
  });

  it('still answers malformed JSON as request.malformedJson', async () => {
    const answer = await post('{"a":');
    expect([answer.status, answer.body.code]).toEqual([
      400,
      'request.malformedJson',
    ]);
  });

  it.each(['utf-16', 'utf-16le', 'utf-32'])(
    'refuses charset=%s, which a byte scan cannot read, with 415',
    async charset => {
      const body = Buffer.from(JSON.stringify([1]), 'utf16le');
      const answer = await post(body, `application/json; charset=${charset}`);
      expect([answer.status, answer.body.code]).toEqual([
        415,
        'request.unsupportedMediaType',
      ]);
    },
  );

  it('takes an explicit charset=utf-8', async () => {
    const answer = await post('{"é":1}', 'application/json; charset=UTF-8');
    expect([answer.status, answer.body]).toEqual([200, { body: { é: 1 } }]);
  });
});
