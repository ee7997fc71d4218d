import nodemailer, { type Transporter } from 'nodemailer';

/** Where messages go: an SMTP server, or .eml files in a folder. */
export type MailDestination =
  { kind: 'smtp'; url: string } | { kind: 'outbox'; dir: string };

/**
 * A transport for one message. With SMTP, each job opens its own connection
 * (no pool), so that aborting a job (timeout, shutdown) can close exactly
 * that connection. Without SMTP, nodemailer only builds the message and
 * hands back its RFC 5322 bytes, which the handler writes to the outbox.
 */
export function createMailTransport(destination: MailDestination): Transporter {
  return destination.kind === 'smtp'
    ? nodemailer.createTransport(destination.url)
    : nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'windows',
      });
}
