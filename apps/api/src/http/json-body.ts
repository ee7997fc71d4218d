import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';
import { ErrandError, ErrorCode } from '@errand/contracts';
import { MAX_JSON_DEPTH, nestsDeeperThan, tooDeepError } from './json-depth';

/** Refuses a body that is not JSON before anyone tries to read it. */
const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  throw new ErrandError(
    ErrorCode.unsupportedMediaType,
    `Send the body as JSON with "Content-Type: application/json" (got "${req.get('content-type') ?? 'none'}").`,
  );
};

/**
 * Runs on the raw bytes after they are read and before `JSON.parse`: the
 * parse of a deeply nested body is what costs (hundreds of milliseconds
 * for 2 MB of `[`), so depth is refused here, by a scan that stops at the
 * first level too deep. A throw here reaches the error handler as is.
 *
 * Only UTF-8 is scanned, so only UTF-8 is taken: JSON between systems must
 * be UTF-8 (RFC 8259 §8.1), and in UTF-16, UTF-32 or UTF-7 a bracket can
 * hide from a byte scan.
 */
function refuseDeepJson(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  if (encoding !== 'utf-8') {
    throw new ErrandError(
      ErrorCode.unsupportedMediaType,
      `Send JSON as UTF-8 (got charset "${encoding}").`,
    );
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw tooDeepError();
}

/** Parses a UTF-8 JSON body of at most `limit` (e.g. `64kb`) and sane depth. */
export function jsonBody(limit: string): RequestHandler[] {
  return [requireJson, express.json({ limit, verify: refuseDeepJson })];
}
