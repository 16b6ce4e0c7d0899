// Inbound e-mail: a message whose subject carries a case reference (RC-YYYY-NNNNNN) is appended
// to that case as a customer message; any other opens an 'email' case. Auto-replies, bulk mail
// and bounces are ignored (no mail loops). Idempotent on Message-ID. Sources: an SMTP listener
// (COMPLAINTS_SMTP_PORT) and an mbox import.
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import type { Db, Sql } from '../../db/client';
import { AppError } from '../../lib/errors';
import type { TUpload } from './attachments';
import * as repo from './repo';
import * as intake from './repo-intake';
import { createCase, customerActor, customerMessage } from './service';

export type TIngestResult =
  | { action: 'created' | 'appended'; reference: string }
  | { action: 'duplicate'; reference: string }
  | { action: 'ignored'; reason: string };

const REF = /\bRC-\d{4}-\d{6}\b/;

/** Why a message must not be answered or turned into a case (RFC 3834 and common practice). */
export function autoReason(headers: { key: string; value: string }[], from: string): string | null {
  const h = (k: string) =>
    headers
      .find((x) => x.key.toLowerCase() === k)
      ?.value.trim()
      .toLowerCase();
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return 'auto-submitted';
  const prec = h('precedence');
  if (prec && ['bulk', 'junk', 'list', 'auto_reply'].includes(prec)) return `precedence:${prec}`;
  if (h('x-autoreply') !== undefined || h('x-autorespond') !== undefined) return 'x-autoreply';
  if (h('x-auto-response-suppress')?.includes('all') && h('x-autoreply') !== undefined)
    return 'x-autoreply';
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return 'bounce';
  if (h('content-type')?.startsWith('multipart/report')) return 'bounce';
  return null;
}

const stripHtml = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export async function ingestEmail(
  db: Sql,
  orgId: string,
  raw: string | Uint8Array,
): Promise<TIngestResult> {
  const m = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const from = m.from && 'address' in m.from && m.from.address ? m.from.address : '';
  const name = m.from && 'name' in m.from ? m.from.name || null : null;
  const why = autoReason(m.headers, from);
  if (why) return { action: 'ignored', reason: why };
  if (!from) return { action: 'ignored', reason: 'no_sender' };
  const subject = (m.subject ?? '').trim().slice(0, 200) || '(sin asunto)';
  const text = (m.text ?? (m.html ? stripHtml(m.html) : '')).trim().slice(0, 10_000) || '(vacío)';
  const messageId = (m.messageId ?? '').slice(0, 500) || null;
  const attachments: TUpload[] = m.attachments
    .filter((a) => a.disposition !== 'inline' || a.filename)
    .map((a) => ({
      filename: a.filename ?? 'adjunto',
      data: a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : Buffer.from(a.content),
    }));
  const ref = REF.exec(subject)?.[0];
  const existing = ref ? await repo.findBy(db, orgId, 'reference', ref) : null;
  if (existing) {
    if (messageId) {
      if (await intake.messageOnCase(db, orgId, existing.id, messageId))
        return { action: 'duplicate', reference: existing.reference };
    }
    await customerMessage(db, orgId, existing.id, {
      body: text,
      data: {
        messageId,
        from,
        subject,
        fromMatches: existing.contactEmail?.toLowerCase() === from.toLowerCase(),
      },
      attachments,
    });
    return { action: 'appended', reference: existing.reference };
  }
  const r = await createCase(db, customerActor(orgId), {
    channel: 'email',
    subject,
    description: text,
    contactEmail: from,
    contactName: name,
    sourceRef: messageId,
    attachments: [],
  });
  if (r.created && attachments.length) {
    const { storeAttachments } = await import('./attachments');
    await storeAttachments(db, orgId, r.case.id, null, attachments, true);
  }
  return { action: r.created ? 'created' : 'duplicate', reference: r.case.reference };
}

/** Splits an mbox (mboxo/mboxrd) into messages. */
export function splitMbox(mbox: string): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  for (const line of mbox.split(/\r?\n/)) {
    if (line.startsWith('From ')) {
      if (cur) out.push(cur.join('\r\n'));
      cur = [];
      continue;
    }
    if (!cur) continue;
    cur.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  if (cur) out.push(cur.join('\r\n'));
  return out.filter((x) => x.trim().length > 0);
}

export async function importMbox(db: Sql, orgId: string, mbox: string) {
  const results: TIngestResult[] = [];
  for (const msg of splitMbox(mbox)) {
    try {
      results.push(await ingestEmail(db, orgId, msg));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ action: 'ignored', reason: e.code });
    }
  }
  const count = (a: string) => results.filter((r) => r.action === a).length;
  return {
    messages: results.length,
    created: count('created'),
    appended: count('appended'),
    duplicates: count('duplicate'),
    ignored: count('ignored'),
    results,
  };
}

export interface InboundSmtpOptions {
  db: Db;
  port: number;
  host?: string;
  /** org slug for recipients without '+slug' (e.g. reclamaciones@…) */
  defaultOrgSlug?: string | undefined;
  maxBytes?: number;
  log?: { error: (o: unknown, msg: string) => void };
}

/** Resolves the org of a recipient: local part 'anything+<slug>' or the default slug. */
async function orgOfRecipient(db: Sql, address: string, fallback?: string) {
  const local = address.split('@')[0] ?? '';
  const slug = local.includes('+') ? local.slice(local.indexOf('+') + 1) : fallback;
  if (!slug) return null;
  return intake.orgIdBySlug(db, slug.toLowerCase());
}

/** An SMTP listener feeding ingestEmail (no auth, no relay: it only accepts known orgs). */
export async function startInboundSmtp(o: InboundSmtpOptions) {
  const maxBytes = o.maxBytes ?? 25 * 1024 * 1024;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    size: maxBytes,
    onRcptTo(addr, _session, cb) {
      orgOfRecipient(o.db, addr.address, o.defaultOrgSlug).then(
        (org) =>
          org ? cb() : cb(Object.assign(new Error('550 unknown mailbox'), { responseCode: 550 })),
        (e: Error) => cb(e),
      );
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBytes) chunks.push(c);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          cb(Object.assign(new Error('552 message too large'), { responseCode: 552 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        (async () => {
          const orgs = new Set<string>();
          for (const r of session.envelope.rcptTo) {
            const org = await orgOfRecipient(o.db, r.address, o.defaultOrgSlug);
            if (org) orgs.add(org);
          }
          for (const org of orgs) await ingestEmail(o.db, org, raw);
        })().then(
          () => cb(),
          (e: unknown) => {
            o.log?.error({ err: e }, 'inbound complaint mail failed');
            cb(Object.assign(new Error('451 try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(o.port, o.host ?? '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
