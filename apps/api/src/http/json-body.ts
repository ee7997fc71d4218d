import express, { type RequestHandler } from 'express';
import { ErrandError, ErrorCode } from '@errand/contracts';
import { refuseDeepJson } from './json-depth';

/** Refuses a body that is not JSON before anyone tries to read it. */
const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  throw new ErrandError(
    ErrorCode.unsupportedMediaType,
    `Send the body as JSON with "Content-Type: application/json" (got "${req.get('content-type') ?? 'none'}").`,
  );
};

/** Parses a JSON body of at most `limit` (e.g. `64kb`) and sane depth. */
export function jsonBody(limit: string): RequestHandler[] {
  return [requireJson, express.json({ limit }), refuseDeepJson];
}
