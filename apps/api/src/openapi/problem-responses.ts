import { ErrorCode, toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiResponse } from './openapi-object';
import { componentRef } from './schema-names';

/**
 * An `application/problem+json` answer (RFC 9457) whose `code` is one of
 * `codes`: the schema narrows `Problem.code`, and the description lists them
 * with when each happens.
 */
export function problemResponse(
  summary: string,
  codes: Readonly<Partial<Record<ErrorCode, string>>>,
): OpenApiResponse {
  const listed = Object.entries(codes)
    .map(([code, when]) => `- \`${code}\`: ${when}`)
    .join('\n');
  return {
    description: `${summary}\n\n${listed}`,
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            componentRef('Problem'),
            toJsonSchema(
              Type.Object({
                code: Type.Unsafe({ type: 'string', enum: Object.keys(codes) }),
              }),
            ),
          ],
        },
      },
    },
  };
}

/** The `503` every route that reads or writes Redis may answer. */
export function queueUnavailable(): OpenApiResponse {
  return {
    ...problemResponse('Redis is down or too slow; answered within 1 s.', {
      [ErrorCode.queueUnavailable]: 'try again after `Retry-After` seconds.',
    }),
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before trying again.',
        schema: toJsonSchema(Type.Integer({ minimum: 0 })),
      },
    },
  };
}

/** The `404` for a job id nobody enqueued (or whose record has expired). */
export function jobNotFound(): OpenApiResponse {
  return problemResponse('No such job.', {
    [ErrorCode.jobNotFound]:
      'no job has this id, or it was removed after its retention period.',
  });
}
