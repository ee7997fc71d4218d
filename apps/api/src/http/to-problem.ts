import { ErrandError, ErrorCode, type Problem } from '@errand/contracts';
import { httpStatusOf, titleOf } from './http-status';

/** The fields body-parser puts on the errors it raises. */
interface BodyParserError {
  type?: string;
  status?: number;
  /** zlib's, when a `Content-Encoding` body does not inflate. */
  errno?: number;
}

const bodyParserCodes: Record<string, ErrorCode> = {
  'entity.parse.failed': ErrorCode.malformedJson,
  'entity.too.large': ErrorCode.bodyTooLarge,
  'charset.unsupported': ErrorCode.unsupportedMediaType,
  'encoding.unsupported': ErrorCode.unsupportedMediaType,
  // The body ended before its Content-Length, or the client went away.
  'request.size.invalid': ErrorCode.malformedJson,
  'request.aborted': ErrorCode.malformedJson,
};

/**
 * A body that claims `Content-Encoding: gzip` (or deflate, br) but does not
 * inflate: body-parser passes zlib's error on untyped, with a 400. It is
 * the client's bad body, not our failure.
 */
function parserCodeOf(error: BodyParserError): ErrorCode | undefined {
  const byType = bodyParserCodes[error?.type ?? ''];
  if (byType) return byType;
  return error?.status === 400 && typeof error.errno === 'number'
    ? ErrorCode.malformedJson
    : undefined;
}

function problem(
  code: ErrorCode,
  detail: string,
  error?: ErrandError,
): Problem {
  return {
    type: `urn:errand:problem:${code}`,
    title: titleOf[code],
    status: httpStatusOf[code],
    detail,
    code,
    ...(error?.issues.length && { errors: [...error.issues] }),
  };
}

/**
 * Renders any error as an RFC 9457 problem. Our errors keep their code and
 * message; body-parser's get a code; anything else is an internal error
 * whose details stay in the log, not in the answer.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof ErrandError) {
    return problem(error.code, error.message, error);
  }
  const parserCode = parserCodeOf(error as BodyParserError);
  if (parserCode) {
    const detail =
      parserCode === ErrorCode.malformedJson
        ? `The body is not valid JSON: ${(error as Error).message}`
        : (error as Error).message;
    return problem(parserCode, detail);
  }
  return problem(
    ErrorCode.internal,
    'Something went wrong; the error is logged.',
  );
}
