import { ErrandError, ErrorCode } from '@errand/contracts';
import type { DeadPosition } from './dead-entries';

/**
 * A `GET /dead-letter` cursor: the position of the last job of a page
 * (when it died, its id), opaque to clients. A position, not an offset,
 * so pages stay stable while other jobs die or leave.
 */
export function encodeDeadCursor({ diedAt, id }: DeadPosition): string {
  return Buffer.from(`${diedAt}:${id}`, 'utf8').toString('base64url');
}

const POSITION = /^(\d{1,16}):([\w-]{1,100})$/;

/** Reads a cursor back, or a `request.invalidParameter` error naming it. */
export function decodeDeadCursor(cursor: string): DeadPosition {
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString());
  if (match) return { diedAt: Number(match[1]), id: match[2] };
  const message = 'Not a cursor this API gave out; start again without one';
  throw new ErrandError(
    ErrorCode.invalidParameter,
    `The cursor is invalid: ${message.toLowerCase()}.`,
    [{ path: '/query/cursor', message }],
  );
}
