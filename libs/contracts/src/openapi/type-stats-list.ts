import { Type, type Static } from '@sinclair/typebox';
import { TypeStats } from '../http/queue-stats';

/** The answer to `GET /stats`: counts for every job type. */
export const TypeStatsList = Type.Object(
  { types: Type.Array(TypeStats) },
  { additionalProperties: false },
);
export type TypeStatsList = Static<typeof TypeStatsList>;
