import { Type, type Static } from '@sinclair/typebox';

/** One thing wrong with an input: a JSON Pointer to it and what to fix. */
export const FieldIssue = Type.Object(
  { path: Type.String(), message: Type.String() },
  { additionalProperties: false },
);
export type FieldIssue = Static<typeof FieldIssue>;
