import {
  completed,
  discard,
  type EmailSendPayload,
  type JobHandler,
} from '@errand/contracts';
import type { Logger } from '@errand/runtime';
import type { SendMailOptions } from 'nodemailer';
import { loadAttachments } from './email/load-attachments';
import {
  createMailTransport,
  type MailDestination,
} from './email/mail-transport';
import { smtpOutcome } from './email/smtp-outcome';
import type { OutboundPolicy } from './outbound/outbound-policy';
import { OutboundRefusedError } from './outbound/outbound-refused-error';
import { writeOutputFile } from './output/output-file';
import { jobLogFields } from '../observability/job-log-fields';

/** Settings of the `email.send` handler. */
export interface EmailSendSettings {
  destination: MailDestination;
  /** The From header, e.g. `Errand <no-reply@example.com>`. */
  from: string;
  policy: OutboundPolicy;
}

/**
 * The Message-ID of a job's email: the job id at the sender's domain. Every
 * attempt of a job sends the same id, so a message that reached the server
 * just before a failed attempt can be recognised as a duplicate downstream.
 */
export function messageIdFor(jobId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'errand.local';
  return `<${jobId.replace(/[^A-Za-z0-9._-]/g, '_')}@${domain}>`;
}

/** The nodemailer message for a payload. */
function mailOptions(
  payload: EmailSendPayload,
  settings: EmailSendSettings,
  messageId: string,
): SendMailOptions {
  return {
    from: settings.from,
    to: payload.to,
    cc: payload.cc,
    bcc: payload.bcc,
    replyTo: payload.replyTo,
    subject: payload.subject,
    text: payload.text,
    html: payload.html,
    messageId,
  };
}

/** Rejects with the abort reason when `signal` fires; never resolves. */
function abortion(signal: AbortSignal, onAbort: () => void): Promise<never> {
  return new Promise((_, reject) => {
    const fire = () => {
      onAbort();
      reject(signal.reason);
    };
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

/**
 * `email.send`: sends the message over SMTP when `SMTP_URL` is set, and
 * otherwise writes it to `<OUTBOX_DIR>/<job id>.eml` and logs the path
 * (development). Attachments are fetched first, through the outbound guard.
 * SMTP 5xx replies discard the job with the server's reply, 4xx and
 * connection errors retry (see {@link smtpOutcome}). An abort closes the
 * connection.
 */
export function emailSendHandler(
  logger: Logger,
  settings: EmailSendSettings,
): JobHandler<'email.send'> {
  return async (payload, context) => {
    let attachments;
    try {
      attachments = await loadAttachments(payload.attachments, {
        policy: settings.policy,
        signal: context.signal,
      });
    } catch (error) {
      if (error instanceof OutboundRefusedError) {
        return discard(`attachment: ${error.message}`);
      }
      throw error;
    }
    const messageId = messageIdFor(context.jobId, settings.from);
    const transport = await createMailTransport(settings.destination);
    let info;
    try {
      info = await Promise.race([
        transport.sendMail({
          ...mailOptions(payload, settings, messageId),
          attachments,
        }),
        abortion(context.signal, () => transport.close()),
      ]);
    } catch (error) {
      if (context.signal.aborted) throw error;
      return smtpOutcome(error);
    } finally {
      transport.close();
    }
    if (settings.destination.kind === 'outbox') {
      const path = await writeOutputFile(
        settings.destination.dir,
        context.jobId,
        'eml',
        info.message as Buffer,
      );
      logger.info('email written to the outbox (SMTP_URL is not set)', {
        ...jobLogFields(context),
        path,
      });
    } else if (info.rejected?.length) {
      logger.warn('email sent, but the server refused some recipients', {
        ...jobLogFields(context),
        rejected: info.rejected,
      });
    }
    return completed({ messageId: info.messageId ?? messageId });
  };
}
