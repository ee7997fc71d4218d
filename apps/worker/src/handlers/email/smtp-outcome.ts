/** The fields nodemailer puts on an SMTP error. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * The replies by which a server asks a sender to slow down (RFC 5321
 * §4.2.2: service not available, mailbox busy, local error, insufficient
 * storage): the whole type pauses rather than each job retrying into it.
 */
const SLOW_DOWN_CODES = new Set([421, 450, 451, 452]);
/** How long email.send pauses on such a reply; SMTP gives no Retry-After. */
export const SMTP_SLOW_DOWN_MS = 30_000;

/**
 * Maps a failed send to an outcome by the server's reply code (RFC 5321
 * §4.2.1): 5xx is a permanent rejection (no such mailbox, message refused),
 * so the job is discarded to the dead-letter queue with the server's reply;
 * 421, 450, 451 and 452 pause email.send on every worker for
 * {@link SMTP_SLOW_DOWN_MS}, no attempt used (docs/flow-control.md); any
 * other 4xx is transient and retries. An error without
 * a reply (refused connection, DNS, TLS, timeout) retries too.
 */
export function smtpOutcome(error: unknown): Outcome<never> {
  const { responseCode, response, message, code } = error as SmtpError;
  const reply = response ?? message;
  if (typeof responseCode === 'number' && responseCode >= 500) {
    return discard(`SMTP server rejected the message: ${reply}`);
  }
  if (typeof responseCode === 'number' && SLOW_DOWN_CODES.has(responseCode)) {
    return rateLimited(
      SMTP_SLOW_DOWN_MS,
      `SMTP server asked to slow down: ${reply}`,
    );
  }
  if (typeof responseCode === 'number' && responseCode >= 400) {
    return retry(`SMTP server deferred the message: ${reply}`);
  }
  return retry(`SMTP send failed${code ? ` (${code})` : ''}: ${message}`);
}
import { discard, rateLimited, retry, type Outcome } from '@errand/contracts';
