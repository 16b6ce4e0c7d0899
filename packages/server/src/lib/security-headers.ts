// Security headers on every response, through helmet (the well-kept set of header writers),
// in three policies chosen by URL:
//  - api  (/api/*): JSON/CSV/SVG answers; nothing in them may load or be framed.
//  - respondent (/s/*): the survey page; framable by EMBED_ORIGINS (the embed channel's iframe).
//  - staff (everything else: index.html, SPA routes, assets): never framed.
// Decisions, so nobody has to rediscover them:
//  - script-src 'self', no inline script: both built pages load only /assets/*.js (checked by the
//    e2e test with a live CSP). style-src adds 'unsafe-inline' on the staff app only: Mantine
//    writes <style> elements at run time (CSS variables, colour scheme); injected styles cannot
//    run code. The respondent page has no Mantine and keeps style-src 'self'.
//  - Referrer-Policy no-referrer: reset links (/reset-password?token=) and personal survey links
//    (/s/t/<token>) carry secrets in the URL; a referrer must never take them elsewhere.
//  - HSTS and upgrade-insecure-requests only on https (PUBLIC_URL is https, or the request came
//    over TLS): on a plain-http LAN install they would make the app unreachable.
//  - The respondent page is framable by any site unless EMBED_ORIGINS says otherwise: it holds
//    no staff session (its cookies are SameSite=Lax, so not sent inside a cross-site frame),
//    and the Distribute page hands out an <iframe> snippet that must keep working.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type Kind = 'api' | 'respondent' | 'staff';

const self = "'self'";
const none = "'none'";

// Features no Fidelia page uses; denied so an injected frame or script cannot ask for them.
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'usb',
]
  .map((f) => `${f}=()`)
  .join(', ');

function directives(kind: Kind, https: boolean, embedOrigins: string[] | undefined) {
  if (kind === 'api') {
    return { defaultSrc: [none], frameAncestors: [none], baseUri: [none], formAction: [none] };
  }
  const frameAncestors =
    kind === 'staff' ? [none] : embedOrigins === undefined ? ['*'] : [self, ...embedOrigins];
  return {
    defaultSrc: [self],
    scriptSrc: [self],
    scriptSrcAttr: [none],
    styleSrc: kind === 'staff' ? [self, "'unsafe-inline'"] : [self],
    imgSrc: [self, 'data:', 'blob:'],
    fontSrc: [self, 'data:'],
    connectSrc: [self],
    objectSrc: [none],
    baseUri: [self],
    formAction: [self],
    frameAncestors,
    ...(https ? { upgradeInsecureRequests: [] } : {}),
  };
}

function options(kind: Kind, https: boolean, embedOrigins: string[] | undefined): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: directives(kind, https, embedOrigins),
    },
    // Legacy twin of frame-ancestors for old browsers; the embeddable page must not send it.
    xFrameOptions: kind === 'respondent' ? false : { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    // A cross-origin page embeds the respondent page, so it must not isolate its opener.
    crossOriginOpenerPolicy: kind === 'respondent' ? false : { policy: 'same-origin' },
  };
}

export function kindOf(url: string): Kind {
  if (url.startsWith('/api/') || url === '/api') return 'api';
  if (url.startsWith('/s/')) return 'respondent';
  return 'staff';
}

export interface SecurityHeaderOptions {
  publicUrl: string | undefined;
  /** Origins allowed to frame the respondent page; undefined = any. */
  embedOrigins: string[] | undefined;
}

export function installSecurityHeaders(app: FastifyInstance, o: SecurityHeaderOptions): void {
  const alwaysHttps = o.publicUrl?.startsWith('https:') ?? false;
  // Six middlewares built once (kind × https), not one per request.
  const built = new Map<string, ReturnType<typeof helmet>>();
  for (const kind of ['api', 'respondent', 'staff'] as const)
    for (const https of [false, true])
      built.set(`${kind}:${https}`, helmet(options(kind, https, o.embedOrigins)));

  app.addHook('onRequest', (req: FastifyRequest, reply, done) => {
    const https = alwaysHttps || req.protocol === 'https';
    const mw = built.get(`${kindOf(req.url)}:${https}`);
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    mw?.(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
}
