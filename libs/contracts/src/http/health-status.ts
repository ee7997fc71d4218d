import { Type, type Static } from '@sinclair/typebox';

/** The answer to `GET /healthz`: the process is up. */
export const Liveness = Type.Object(
  { status: Type.Literal('ok') },
  { additionalProperties: false },
);
export type Liveness = Static<typeof Liveness>;

/** The answer to `GET /readyz` while Redis answers. */
export const Readiness = Type.Object(
  { status: Type.Literal('ready') },
  { additionalProperties: false },
);
export type Readiness = Static<typeof Readiness>;
