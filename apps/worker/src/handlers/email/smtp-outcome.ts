/** The fields nodemailer puts on an SMTP error. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * Maps a failed send to an outcome by the server's reply code (RFC 5321
 * §4.2.1): 5xx is a permanent rejection (no such mailbox, message refused),
 * so the job is discarded to the dead-letter queue with the server's reply;
 * 4xx is transient (greylisting, mailbox busy) and retries. An error without
 * a reply (refused connection, DNS, TLS, timeout) retries too.
 */
export function smtpOutcome(error: unknown): Outcome<never> {
  const { responseCode, response, message, code } = error as SmtpError;
  const reply = response ?? message;
  if (typeof responseCode === 'number' && responseCode >= 500) {
    return discard(`SMTP server rejected the message: ${reply}`);
  }
  if (typeof responseCode === 'number' && responseCode >= 400) {
    return retry(`SMTP server deferred the message: ${reply}`);
  }
  return retry(`SMTP send failed${code ? ` (${code})` : ''}: ${message}`);
}
import { discard, retry, type Outcome } from '@errand/contracts';
