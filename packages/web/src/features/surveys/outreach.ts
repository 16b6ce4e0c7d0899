// Pure helpers of the personal-links, reminders and webhooks screens.

/** One CSV cell: quoted when needed; a leading =, +, -, @ is neutralised (spreadsheet formulas). */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface TLinkRow {
  customerId: string;
  externalId: string | null;
  name: string;
  email: string | null;
  language: string | null;
  url: string;
  expiresAt: string;
}

/** Personal links as CSV (UTF-8 with BOM so spreadsheets read accents), CRLF line ends. */
export function linksCsv(rows: TLinkRow[]): string {
  const head = ['customer_id', 'external_id', 'name', 'email', 'language', 'url', 'expires_at'];
  const lines = rows.map((r) =>
    [r.customerId, r.externalId, r.name, r.email, r.language, r.url, r.expiresAt]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}

/** Whole days since an ISO instant (null when never). */
export function daysSince(iso: string | null, now = Date.now()): number | null {
  if (!iso) return null;
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 86_400_000));
}

/** A webhook URL the server will accept: absolute http(s) with a host. */
export function validHookUrl(s: string): boolean {
  try {
    const u = new URL(s.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Why a customer cannot be chosen, or null. */
export function blockReason(c: {
  status: string;
  consentSurvey: boolean;
  unsubscribed: boolean;
}): 'inactive' | 'no_consent' | 'unsubscribed' | null {
  if (c.unsubscribed) return 'unsubscribed';
  if (!c.consentSurvey) return 'no_consent';
  if (c.status !== 'active') return 'inactive';
  return null;
}
