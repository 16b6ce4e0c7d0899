// buildApp(deps) -> Fastify instance. Tests use app.inject(); main.ts listens.
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { TConfig } from './config';
import type { Db } from './db/client';
import type { Access } from './lib/access';
import { installAuth } from './lib/auth-context';
import { AppError, errorBody, errorStatus, pickLang } from './lib/errors';
import { openapiOptions } from './lib/openapi';
import { dbRateLimitStore, RateLimitCounter } from './lib/rate-limit-store';
import { installSecurityHeaders } from './lib/security-headers';
import { badUrl, installTextGuard } from './lib/text-guard';
import { type Mailer, nullMailer } from './mail/mailer';
import { apiModules } from './modules/index';

export interface AppDeps {
  config: TConfig;
  db: Db;
  mailer?: Mailer;
  logger?: FastifyBaseLogger | boolean;
  version?: string;
  /** Built web app to serve (with SPA fallback) when the directory exists. */
  webDist?: string;
}

/** One registered API route, as the generated route-table tests see it. */
export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  body: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
    deps: Required<Omit<AppDeps, 'logger' | 'webDist'>>;
  }
}

export async function buildApp(deps: AppDeps) {
  const { trustProxy } = deps.config;
  const app = Fastify({
    loggerInstance: typeof deps.logger === 'object' ? deps.logger : undefined,
    logger: typeof deps.logger === 'boolean' ? deps.logger : undefined,
    bodyLimit: deps.config.bodyLimit,
    // Only configured proxies may set the client address (X-Forwarded-For): trusting every
    // sender let any client forge a new address per request and escape every rate limit.
    // A hop count is a function: Fastify 5.12 treats a numeric trustProxy as "trust nothing".
    trustProxy: typeof trustProxy === 'number' ? (_ip, hop) => hop < trustProxy : trustProxy,
    frameworkErrors: badUrl,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', {
    config: deps.config,
    db: deps.db,
    mailer: deps.mailer ?? nullMailer(),
    version: deps.version ?? '0.1.0',
  });

  // Every /api route must declare who may call it; an undeclared route is a startup error.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (access === undefined) {
      throw new Error(`route ${route.method} ${route.url} has no config.access declaration`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        apiRoutes.push({ method, url: route.url, access, body: route.schema?.body });
    }
  });

  await app.register(cookie);
  // Counters in the database: shared by every server process on one PostgreSQL.
  const limits = new RateLimitCounter(deps.db, Date.now, (err) =>
    app.log.warn({ err }, 'rate-limit cleanup failed'),
  );
  await app.register(rateLimit, {
    global: false,
    store: dbRateLimitStore(limits),
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, openapiOptions(deps.version ?? '0.1.0'));
  installSecurityHeaders(app, {
    publicUrl: deps.config.publicUrl,
    embedOrigins: deps.config.embedOrigins,
  });
  // Before auth: bad text is refused before any of it reaches a query.
  installTextGuard(app);
  installAuth(app, deps.db, deps.config.sessionSecret);

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = pickLang(req.cookies?.fidelia_lang, req.headers['accept-language']);
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, lang, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send(errorBody('VALIDATION_FAILED', lang, { issues }));
    }
    const code = err.code;
    // PostgreSQL integrity errors (by SQLSTATE, never by message): a conflict, not a bug.
    if (code === '23503' || code === '23505') {
      return reply
        .status(409)
        .send(errorBody('CONFLICT', lang, { reason: code === '23503' ? 'in_use' : 'duplicate' }));
    }
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
      return reply.status(400).send(errorBody('MALFORMED_JSON', lang));
    }
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', lang));
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', lang));
    }
    if (err.statusCode === 429) return reply.status(429).send(errorBody('RATE_LIMITED', lang));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody('BAD_REQUEST', lang));
    }
    // A 500 is a bug: log everything, leak nothing.
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', lang));
  });

  const web = deps.webDist && existsSync(deps.webDist) ? deps.webDist : null;
  if (web) {
    await app.register(fastifyStatic, {
      root: web,
      // One `/*` route that looks the file up per request: `wildcard: false` registered a GET and
      // a HEAD route for each of the bundle's ~650 files (with their .br/.gz siblings) at every
      // start, ~60 % of the router's routes and most of the server's start-up CPU (issue 14).
      // A miss goes to the not-found handler below, as before.
      wildcard: true,
      // dist/ holds .br/.gz siblings written at build time (packages/web/scripts/precompress.mjs)
      preCompressed: true,
      setHeaders: (res, path) => {
        // Vite puts a content hash in every file name under assets/: cache those for good.
        if (path.includes('/assets/'))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // SPA fallback: a non-API GET that is not a file gets the web app's index.html.
    if (web && req.method === 'GET' && !req.url.startsWith('/api')) {
      return reply.sendFile('index.html');
    }
    const lang = pickLang(req.cookies?.fidelia_lang, req.headers['accept-language']);
    reply.status(404).send(errorBody('NOT_FOUND', lang));
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () =>
    app.swagger(),
  );
  for (const mod of apiModules) await app.register(mod);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
export { errorStatus };
