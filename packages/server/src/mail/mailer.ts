// Outgoing mail over SMTP (nodemailer). Without SMTP_URL, mail is logged instead of sent.
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/** Keeps messages in memory (no SMTP configured); `sent` is handy for debugging. */
export function nullMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    sent,
    send: async (m) => {
      sent.push(m);
    },
  };
}
