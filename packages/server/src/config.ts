// Environment, validated once at start (zod). SESSION_SECRET is never hard-coded: when absent it
// is generated on first start and persisted in DATA_DIR so sessions/CSRF survive restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const ZBool = z
  .enum(['true', 'false', '1', '0', 'auto'])
  .transform((v) => (v === 'auto' ? 'auto' : v === 'true' || v === '1'));

// proxy-addr's names for address ranges, accepted in a TRUST_PROXY list like addresses.
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isAddressOrCidr = (s: string) => {
  if (PROXY_RANGES.has(s)) return true;
  const [ip = '', bits, extra] = s.split('/');
  const v = isIP(ip);
  if (!v || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128);
};

/**
 * Which proxies may set X-Forwarded-For (the client address used by rate limits and logs):
 * off by default, so a client cannot forge its address. A hop count trusts that many proxies in
 * front of the server; a list trusts those addresses/CIDRs. "true" (trust anyone) is refused.
 */
export const ZTrustProxySchema = z
  .string()
  .trim()
  .transform((v, ctx): false | number | string[] => {
    if (v === '' || v === 'false' || v === '0') return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 32) return hops;
    }
    const items = v.split(',').map((x) => x.trim());
    const bad = items.filter((x) => !isAddressOrCidr(x));
    if (!bad.length) return items;
    ctx.addIssue({
      code: 'custom',
      message:
        v === 'true'
          ? 'true would trust a forged X-Forwarded-For from any client; give the number of proxies in front of the server (e.g. 1) or their addresses (e.g. 10.0.0.5,10.1.0.0/16)'
          : `not a hop count (0-32) or a comma-separated list of IP addresses/CIDRs: ${bad.join(', ')}`,
    });
    return z.NEVER;
  });

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export const ZEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Fidelia <no-reply@fidelia.local>'),
  SESSION_SECRET: z.string().min(32).optional(),
  // auto: Secure on https and on loopback hosts (browsers accept it there), plain on LAN http.
  COOKIE_SECURE: ZBool.default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  // Attempts per minute per IP on login/reset (public endpoints).
  RATE_LIMIT_AUTH: z.coerce.number().int().positive().default(10),
  // Login attempts per account (e-mail) per 15 minutes and reset requests per e-mail per hour,
  // from any address: distributed guessing against one account stops there.
  RATE_LIMIT_ACCOUNT: z.coerce.number().int().positive().default(10),
  TRUST_PROXY: ZTrustProxySchema.default(false),
  // Requests per minute per IP on the public survey pages and the public complaint form.
  SURVEY_RATE_LIMIT: z.coerce.number().int().positive().default(120),
  COMPLAINT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  // read where it is used (analytics/sample.ts); checked here so a bad value stops the start
  FIDELIA_ANALYTICS_SAMPLE_CAP: z.coerce.number().int().min(100).optional(),
  // Largest file accepted per complaint attachment (web form, staff notes, inbound mail).
  COMPLAINT_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(20 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  // ClamAV daemon that scans uploaded attachments: tcp://host:port or unix:/path (off if unset).
  CLAMD_URL: z
    .string()
    .regex(/^(tcp:\/\/[^/:]+:\d+\/?|unix:.+)$/, 'tcp://host:port or unix:/path')
    .optional(),
  // Inbound complaints mailbox: an SMTP listener, off unless a port is given.
  COMPLAINTS_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  COMPLAINTS_SMTP_HOST: z.string().default('127.0.0.1'),
  COMPLAINTS_SMTP_ORG: z.string().optional(),
  // Built web app to serve; defaults to packages/web/dist (a second build dir lets two builds coexist).
  WEB_DIST: z.string().optional(),
  // Let webhooks reach loopback/private/link-local addresses (off: SSRF guard; on for tests/dev).
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  // Sites allowed to frame the survey respondent page (/s/*), e.g. the embed channel's iframe:
  // space- or comma-separated origins (https://www.example.com), or `none`; unset = any site.
  EMBED_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : v.split(/[\s,]+/).filter(Boolean)))
    .pipe(
      z
        .union([
          z.tuple([z.literal('none')]).transform(() => [] as string[]),
          z.array(
            z.string().regex(/^https?:\/\/[^/\s'"*;]+$/, 'an origin like https://example.com'),
          ),
        ])
        .optional(),
    ),
  // Chromium that prints the PDF reports (headless); without it those routes answer 503.
  CHROMIUM_PATH: z.string().min(1).default(DEFAULT_CHROMIUM_PATH),
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
});

export interface TConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  cookieSecure: boolean | 'auto';
  logLevel: string;
  publicUrl: string | undefined;
  bodyLimit: number;
  webDist: string | undefined;
  rateLimitAuth: number;
  rateLimitAccount: number;
  /** Fastify's trustProxy: false, a hop count, or trusted proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  rateLimitSurvey: number;
  rateLimitComplaint: number;
  attachmentMaxBytes: number;
  clamdUrl: string | undefined;
  complaintsSmtp: { port: number; host: string; orgSlug: string | undefined } | null;
  webhookAllowPrivate: boolean;
  /** Origins that may frame the respondent page; undefined = any (EMBED_ORIGINS unset). */
  embedOrigins?: string[];
  /** Chromium for the PDF reports; DEFAULT_CHROMIUM_PATH when unset. */
  chromiumPath?: string;
}

/** Reads DATA_DIR/session-secret, creating it (mode 600) the first time. */
function persistedSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const s = randomBytes(32).toString('base64url');
  writeFileSync(file, s, { mode: 0o600 });
  return s;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const parsed = ZEnvSchema.safeParse(env);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${msg}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionSecret: e.SESSION_SECRET ?? persistedSecret(dataDir),
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    bodyLimit: e.BODY_LIMIT,
    webDist: e.WEB_DIST ? resolve(e.WEB_DIST) : undefined,
    rateLimitAuth: e.RATE_LIMIT_AUTH,
    rateLimitAccount: e.RATE_LIMIT_ACCOUNT,
    trustProxy: e.TRUST_PROXY,
    rateLimitSurvey: e.SURVEY_RATE_LIMIT,
    rateLimitComplaint: e.COMPLAINT_RATE_LIMIT,
    attachmentMaxBytes: e.COMPLAINT_ATTACHMENT_MAX_BYTES,
    clamdUrl: e.CLAMD_URL,
    complaintsSmtp:
      e.COMPLAINTS_SMTP_PORT === undefined
        ? null
        : {
            port: e.COMPLAINTS_SMTP_PORT,
            host: e.COMPLAINTS_SMTP_HOST,
            orgSlug: e.COMPLAINTS_SMTP_ORG,
          },
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    embedOrigins: e.EMBED_ORIGINS,
    chromiumPath: e.CHROMIUM_PATH,
  };
}
