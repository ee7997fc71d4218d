import { Type } from '@sinclair/typebox';

/** The variable that signs job callbacks (docs/http-api.md, "Callbacks"). */
export const CallbackConfig = {
  CALLBACK_SIGNING_SECRET: Type.Optional(
    Type.String({
      minLength: 16,
      maxLength: 256,
      description:
        'Signs the events POSTed to job callback URLs (Errand-Signature, HMAC-SHA256); receivers verify with the same value. Set the same value on the API, the workers and the inspector (each may end a job). Unset: a request with a callback is refused (400).',
    }),
  ),
};
