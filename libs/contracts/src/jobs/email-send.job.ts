import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';

/** An email to one recipient; at least a subject, text and html optional. */
export const EmailSendPayload = Type.Object(
  {
    to: Type.String({ format: 'email', maxLength: 254 }),
    subject: Type.String({ minLength: 1, maxLength: 998 }),
    text: Type.Optional(Type.String({ maxLength: 100_000 })),
    html: Type.Optional(Type.String({ maxLength: 500_000 })),
  },
  { additionalProperties: false },
);
export type EmailSendPayload = Static<typeof EmailSendPayload>;

/** The id the transport gave the message. */
export const EmailSendResult = Type.Object(
  { messageId: Type.String() },
  { additionalProperties: false },
);
export type EmailSendResult = Static<typeof EmailSendResult>;

/** `email.send`: renders and sends one email. */
export const emailSendJob = defineJob({
  description: 'Sends one email to one recipient.',
  payload: EmailSendPayload,
  result: EmailSendResult,
  defaults: { retries: 5, priority: 0, timeoutMs: 30_000 },
});
