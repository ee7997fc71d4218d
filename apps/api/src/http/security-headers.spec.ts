import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { apiContentSecurityPolicy, securityHeaders } from './security-headers';

/** The headers a one-route app answers with, the date left out. */
async function headersWith(...middleware: RequestHandler[]) {
  const app = express();
  app.use(...middleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const { date: _date, ...headers } = (await request(app).get('/')).headers;
  return headers;
}

describe('the precomputed security headers', () => {
  it('are exactly what helmet sets per request', async () => {
    expect(await headersWith(securityHeaders)).toEqual(
      await headersWith(helmet({ contentSecurityPolicy: false })),
    );
  });

  it('add the strict CSP exactly as helmet would', async () => {
    const strict = helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    });

    expect(
      await headersWith(securityHeaders, apiContentSecurityPolicy),
    ).toEqual(
      await headersWith(helmet({ contentSecurityPolicy: false }), strict),
    );
  });

  it('leave out X-Powered-By', async () => {
    expect(await headersWith(securityHeaders)).not.toHaveProperty(
      'x-powered-by',
    );
  });
});
