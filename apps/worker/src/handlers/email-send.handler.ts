import { randomUUID } from 'node:crypto';
import type { EmailSendPayload } from '@errand/contracts';
import { completed, type JobHandler } from '@errand/queue-core';
import type { Logger } from '@errand/runtime';

/** Renders the message as RFC 5322 text, the form a transport would send. */
export function renderEmail(
  payload: EmailSendPayload,
  messageId: string,
  date: Date,
): string {
  const headers = [
    `Message-ID: ${messageId}`,
    `Date: ${date.toUTCString()}`,
    `To: ${payload.to}`,
    `Subject: ${payload.subject}`,
    `Content-Type: text/${payload.html && !payload.text ? 'html' : 'plain'}; charset=utf-8`,
  ];
  return `${headers.join('\r\n')}\r\n\r\n${payload.text ?? payload.html ?? ''}`;
}

/**
 * `email.send`. Until the SMTP transport lands, the message is rendered and
 * logged rather than sent; the contract and the result stay as they are.
 */
export function emailSendHandler(logger: Logger): JobHandler<'email.send'> {
  return async (payload, context) => {
    const messageId = `<${randomUUID()}@errand.local>`;
    const message = renderEmail(payload, messageId, new Date());
    logger.info('email rendered (no transport configured yet)', {
      jobId: context.jobId,
      to: payload.to,
      subject: payload.subject,
      bytes: Buffer.byteLength(message),
    });
    return completed({ messageId });
  };
}
