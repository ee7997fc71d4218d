import { Type, type Static } from '@sinclair/typebox';
import { ErrorCode } from '../errors/error-code';
import { FieldIssue } from '../errors/field-issue';

/** Every error body: RFC 9457 `application/problem+json` plus our `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.Unsafe<ErrorCode>({
      type: 'string',
      enum: Object.values(ErrorCode),
    }),
    errors: Type.Optional(Type.Array(FieldIssue)),
  },
  { additionalProperties: false },
);
export type Problem = Static<typeof Problem>;
