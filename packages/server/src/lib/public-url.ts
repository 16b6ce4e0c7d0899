// The one place that decides the base of every link Fidelia puts in a mail, a QR code or an API
// answer (password reset, survey invitations and personal links, complaint tracking, SLA alerts).
// It comes from configuration only — PUBLIC_URL, else the listen address — and NEVER from the
// request (Host, X-Forwarded-Host, X-Forwarded-Proto): those headers are chosen by the client,
// so a link built from them would let anyone make Fidelia mail a reset link to their own host.
import type { TConfig } from '../config';

const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

/** Base URL without a trailing slash, e.g. `https://cx.example.com` or `http://localhost:3000`. */
export function publicBaseUrl(config: Pick<TConfig, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  // Listening on every interface has no single name: `localhost` is the one that works on the
  // machine itself; set PUBLIC_URL for links that must work from elsewhere.
  const host = WILDCARD.has(config.host) ? 'localhost' : config.host;
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${config.port}`;
}
