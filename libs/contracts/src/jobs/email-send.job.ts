import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';
import { sensitive } from '../catalog/sensitive';

/** An email to one recipient; at least a subject, text and html optional. */
export const EmailSendPayload = Type.Object(
  {
    to: Type.String({ format: 'email', maxLength: 254 }),
    subject: Type.String({ minLength: 1, maxLength: 998 }),
    // Bodies often carry reset links and one-time codes: kept out of logs
    // and listings.
    text: Type.Optional(sensitive(Type.String({ maxLength: 100_000 }))),
    html: Type.Optional(sensitive(Type.String({ maxLength: 500_000 }))),
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
  version: 1,
  example: {
    to: 'user@example.com',
    subject: 'Welcome!',
    text: 'Hello and welcome.',
  },
  defaults: { retries: 5, priority: 0, timeoutMs: 30_000 },
});
