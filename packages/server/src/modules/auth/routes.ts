import {
  ZChangePasswordSchema,
  ZLoginSchema,
  ZPasswordResetConfirmSchema,
  ZPasswordResetSchema,
  ZUpdateMeSchema,
} from '@fidelia/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authOf, csrfTokenFor, SESSION_COOKIE } from '../../lib/auth-context';
import { sha256 } from '../../lib/crypto';
import { AppError, registerErrors } from '../../lib/errors';
import { publicBaseUrl } from '../../lib/public-url';
import { audit, diff } from '../audit/service';
import { updateOwnProfile } from '../users/service';
import {
  changePassword,
  confirmReset,
  login,
  logout,
  me,
  requestReset,
  SESSION_TTL_MS,
} from './service';

registerErrors({
  RESET_TOKEN_INVALID: {
    status: 400,
    es: 'El enlace de restablecimiento no es válido o ha caducado.',
    en: 'The reset link is invalid or has expired.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 400,
    es: 'La contraseña actual no es correcta.',
    en: 'The current password is not correct.',
  },
});

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, mailer } = app.deps;
  const limit = (factor: number) => ({
    rateLimit: {
      max: Math.max(1, Math.round(config.rateLimitAuth * factor)),
      timeWindow: '1 minute',
    },
  });
  // Per account from any address (a botnet spreading guesses over many IPs stops here too). The
  // key is a hash of the e-mail as typed, so an unknown address is limited exactly like a real
  // one and the 429 reveals nothing; the counters are shared by every server instance.
  const perAccount = (name: string, windowMs: number) => {
    const check = app.createRateLimit({
      max: config.rateLimitAccount,
      timeWindow: windowMs,
      keyGenerator: (req) =>
        `${name}:${sha256((req.body as { email: string }).email.trim().toLowerCase())}`,
    });
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const r = await check(req);
      if (r.isAllowed || !r.isExceeded) return;
      reply.header('retry-after', r.ttlInSeconds);
      throw new AppError('RATE_LIMITED');
    };
  };
  const secure = (req: FastifyRequest) =>
    config.cookieSecure === 'auto'
      ? req.protocol === 'https' || LOOPBACK.test(req.host)
      : config.cookieSecure;
  const setSession = (req: FastifyRequest, reply: FastifyReply, sid: string) =>
    reply.setCookie(SESSION_COOKIE, sid, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(req),
      maxAge: SESSION_TTL_MS / 1000,
    });

  app.get('/api/auth/session', { config: { access: 'public' } }, async (req) => ({
    user: req.auth ? await me(db, req.auth.userId) : null,
    csrfToken: csrfTokenFor(config.sessionSecret, req.sessionHash),
  }));

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', ...limit(1) },
      schema: { body: ZLoginSchema },
      preHandler: perAccount('login', 15 * 60_000),
    },
    async (req, reply) => {
      // A new session id on every login (no fixation); the old one, if any, is dropped.
      const { sid, user } = await login(db, req.body.email, req.body.password);
      if (req.sessionHash) await logout(db, req.sessionHash);
      setSession(req, reply, sid);
      return { user };
    },
  );

  app.post('/api/auth/logout', { config: { access: 'public' } }, async (req, reply) => {
    if (req.sessionHash) await logout(db, req.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { config: { access: 'self' } }, async (req) => ({
    user: await me(db, authOf(req).userId),
  }));

  app.patch(
    '/api/auth/me',
    { config: { access: 'self' }, schema: { body: ZUpdateMeSchema } },
    async (req) => {
      const auth = authOf(req);
      const before = await me(db, auth.userId);
      await db.transaction(async (tx) => {
        await updateOwnProfile(tx, auth.orgId, auth.userId, req.body);
        await audit(tx, auth, {
          action: 'update',
          entity: 'user',
          entityId: auth.userId,
          changes: diff({ ...before }, { ...req.body }),
        });
      });
      return { user: await me(db, auth.userId) };
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public', ...limit(0.5) },
      schema: { body: ZPasswordResetSchema },
      preHandler: perAccount('password-reset', 60 * 60_000),
    },
    async (req, reply) => {
      // The link's base comes from configuration, never from Host / X-Forwarded-Host.
      await requestReset(db, mailer, req.body.email, publicBaseUrl(config)).catch((err) =>
        req.log.error({ err }, 'password reset mail failed'),
      );
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    { config: { access: 'public', ...limit(1) }, schema: { body: ZPasswordResetConfirmSchema } },
    async (req, reply) => {
      await confirmReset(db, req.body.token, req.body.password);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    // Limited like login: a stolen session must not become a way to guess the current password.
    { config: { access: 'self', ...limit(1) }, schema: { body: ZChangePasswordSchema } },
    async (req, reply) => {
      // Ends every reset link and every other session of the user; this session stays.
      const auth = authOf(req);
      await changePassword(
        db,
        auth,
        req.sessionHash,
        req.body.currentPassword,
        req.body.newPassword,
      );
      return reply.status(204).send();
    },
  );
};
