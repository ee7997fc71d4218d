import type { RequestHandler } from 'express';
import { ErrandError, ErrorCode } from '@errand/contracts';

/**
 * How deep a request body may nest. Payloads are a few levels deep; BullMQ
 * stores a job with `JSON.stringify`, which recurses and overflows the
 * stack at a few thousand levels, so a deeper body would be a 500 (or a job
 * that nothing can read back) instead of a refusal.
 */
export const MAX_JSON_DEPTH = 64;

/** The depth of a parsed JSON value, walked without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Refuses a parsed body nested deeper than {@link MAX_JSON_DEPTH}. */
export const refuseDeepJson: RequestHandler = (req, _res, next) => {
  if (depthOf(req.body) > MAX_JSON_DEPTH) {
    throw new ErrandError(
      ErrorCode.invalidRequest,
      `The body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
  next();
};
