import { ErrandError, ErrorCode } from '@errand/contracts';

/** Where a listing stands: a job's creation time (ms) and id. */
export interface JobCursor {
  createdAt: number;
  id: string;
}

/**
 * Newest first: by creation time, then by id, so that jobs created in the
 * same millisecond still have one fixed order. Negative when `a` comes
 * first (is newer).
 */
export function compareNewestFirst(a: JobCursor, b: JobCursor): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** True when `job` comes strictly after the cursor: it is older. */
export function isAfter(job: JobCursor, cursor: JobCursor | undefined) {
  return !cursor || compareNewestFirst(job, cursor) > 0;
}

/** The opaque `cursor` a client sends back: base64url of `[createdAt, id]`. */
export function encodeCursor({ createdAt, id }: JobCursor): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/**
 * Reads a cursor made by {@link encodeCursor}; anything else is a
 * `request.invalidParameter` naming the `cursor` parameter.
 */
export function decodeCursor(cursor: string): JobCursor {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string'
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Not base64url JSON: reported below like any other bad cursor.
  }
  const message = 'Pass back a nextCursor from an earlier page, unchanged';
  throw new ErrandError(
    ErrorCode.invalidParameter,
    `The cursor is not one this API made. ${message}.`,
    [{ path: '/query/cursor', message }],
  );
}
