import type { Transporter } from 'nodemailer';

/** Where messages go: an SMTP server, or .eml files in a folder. */
export type MailDestination =
  { kind: 'smtp'; url: string } | { kind: 'outbox'; dir: string };

/**
 * A transport for one message. With SMTP, each job opens its own connection
 * (no pool), so that aborting a job (timeout, shutdown) can close exactly
 * that connection. Without SMTP, nodemailer only builds the message and
 * hands back its RFC 5322 bytes, which the handler writes to the outbox.
 * nodemailer is loaded on the first message (about 12 MB of resident
 * memory), so workers that never send mail never pay for it.
 */
export async function createMailTransport(
  destination: MailDestination,
): Promise<Transporter> {
  const { default: nodemailer } = await import('nodemailer');
  return destination.kind === 'smtp'
    ? nodemailer.createTransport(destination.url)
    : nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'windows',
      });
}
