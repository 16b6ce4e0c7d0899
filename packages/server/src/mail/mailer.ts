// Outgoing mail over SMTP (nodemailer). Without SMTP_URL, mail is logged instead of sent.
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** optional HTML alternative of `text` (the weekly analytics digest) */
  html?: string;
  /** extra headers, e.g. List-Unsubscribe on survey invitations */
  headers?: Record<string, string>;
}

/**
 * Every mail Fidelia sends is machine-generated (acknowledgements, invitations, reminders,
 * notifications, resets). Saying so (RFC 3834) makes well-behaved autoresponders and Exchange
 * out-of-office replies stay quiet, so a customer's auto-reply cannot start a mail loop with the
 * complaints mailbox; the inbound side also ignores auto-replies.
 */
export const AUTOMATED_HEADERS = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
} as const;

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (m) => {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        headers: { ...AUTOMATED_HEADERS, ...m.headers },
      });
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
