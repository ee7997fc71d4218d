import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';
import { sensitive } from '../catalog/sensitive';

/** Most recipients one of `to`, `cc` or `bcc` may list. */
export const MAX_EMAIL_RECIPIENTS = 50;

/** Largest attachment, decoded or fetched: 5 MiB. */
export const MAX_EMAIL_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const Address = Type.String({ format: 'email', maxLength: 254 });
const Recipients = Type.Array(Address, {
  minItems: 1,
  maxItems: MAX_EMAIL_RECIPIENTS,
});

/**
 * One attachment: its bytes in `content` (base64) or fetched from `url`
 * through the worker's outbound guard. Give exactly one of the two; the
 * worker discards a job that gives both or neither. (One object with two
 * optional fields rather than a union, so that the sensitive `content` is
 * found and redacted by the walk over objects and arrays.)
 */
export const EmailAttachment = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.Optional(Type.String({ maxLength: 255 })),
    // Attachments are documents meant for the recipients only.
    content: Type.Optional(
      sensitive(
        Type.String({
          // the base64 length of MAX_EMAIL_ATTACHMENT_BYTES
          maxLength: Math.ceil(MAX_EMAIL_ATTACHMENT_BYTES / 3) * 4,
          pattern: '^[A-Za-z0-9+/]*={0,2}$',
        }),
      ),
    ),
    url: Type.Optional(Type.String({ format: 'outbound-url' })),
  },
  { additionalProperties: false },
);
export type EmailAttachment = Static<typeof EmailAttachment>;

/**
 * An email; at least a subject, text and html optional. Version 1 took one
 * `to` address; a list is a compatible extension, so the version stays 1.
 */
export const EmailSendPayload = Type.Object(
  {
    to: Type.Union([Address, Recipients], {
      errorMessage: `Expected an email address, or a list of 1 to ${MAX_EMAIL_RECIPIENTS} email addresses`,
    }),
    cc: Type.Optional(Recipients),
    bcc: Type.Optional(Recipients),
    replyTo: Type.Optional(Address),
    subject: Type.String({ minLength: 1, maxLength: 998 }),
    // Bodies often carry reset links and one-time codes: kept out of logs
    // and listings.
    text: Type.Optional(sensitive(Type.String({ maxLength: 100_000 }))),
    html: Type.Optional(sensitive(Type.String({ maxLength: 500_000 }))),
    attachments: Type.Optional(Type.Array(EmailAttachment, { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export type EmailSendPayload = Static<typeof EmailSendPayload>;

/** The id the transport gave the message. */
const EmailSendResult = Type.Object(
  { messageId: Type.String() },
  { additionalProperties: false },
);
type EmailSendResult = Static<typeof EmailSendResult>;

/** `email.send`: renders and sends one email. */
export const emailSendJob = defineJob({
  description:
    'Sends one email over SMTP (to, cc and bcc up to 50 each, attachments by URL or base64).',
  payload: EmailSendPayload,
  result: EmailSendResult,
  version: 1,
  example: {
    to: 'user@example.com',
    subject: 'Welcome!',
    text: 'Hello and welcome.',
  },
  defaults: { retries: 5, priority: 0, timeoutMs: 30_000 },
  // The names the queues Errand replaces used (docs/migrating.md). Their
  // `{email, subject}` has no body either: email.send needs none.
  aliases: {
    send_email: {},
    email: {},
    email_processing: { renames: { email: 'to' } },
  },
});
