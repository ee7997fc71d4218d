import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the test server received it. */
interface ReceivedMail {
  from: string;
  recipients: string[];
  raw: string;
}

/** A real SMTP server on a free port, for the email specs. */
export interface SmtpTestServer {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Starts smtp-server on 127.0.0.1 without TLS. A recipient whose local
 * part starts with `reject` is refused with 550, one starting with `busy`
 * with 451, as a real server would for a missing or busy mailbox.
 */
export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const mailbox = address.address;
      if (mailbox.startsWith('reject')) {
        const error = Object.assign(
          new Error(`5.1.1 <${mailbox}>: no such user`),
          {
            responseCode: 550,
          },
        );
        return callback(error);
      }
      if (mailbox.startsWith('busy')) {
        const error = Object.assign(
          new Error('4.2.1 mailbox busy, try later'),
          {
            responseCode: 451,
          },
        );
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom
            ? session.envelope.mailFrom.address
            : '',
          recipients: session.envelope.rcptTo.map(r => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
