// A real SMTP listener for tests: nodemailer (the product's mailer) talks SMTP to it over
// loopback and every accepted message lands in `inbox` with its envelope recipient and the raw
// RFC 5322 text. No mocks: what the product would hand to a mail relay is what tests read.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, for smtpMailer() or SMTP_URL */
  url: string;
  inbox: { to: string; data: string }[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const inbox: SmtpSink['inbox'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c: Buffer) => {
        data += c.toString();
      });
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) inbox.push({ to: r.address, data });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
