// The standards module's HTTP routes (registered in modules/index.ts). API doc: docs/standards.md.
// Everyone signed in reads; owner/admin/analyst edit the catalogue, standards and moments.
import {
  STARTER_CATALOGUES,
  ZAttributeInputSchema,
  ZAttributePatchSchema,
  ZCoverageQuerySchema,
  ZMomentInputSchema,
  ZStandardCreateSchema,
  ZStandardEditSchema,
  ZStandardListQuerySchema,
} from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import { isUuid } from '../../lib/uuid';
import * as svc from './service';

// An id that is not a uuid names nothing: 404 like an unknown one.
const ZId = z.object({ id: z.string().max(64) });
const ZVersion = z.object({
  id: z.string().max(64),
  version: z.coerce.number().int().min(1).max(1e6),
});
const ZCatalogue = z.object({ key: z.string().max(64) });
const ZLoad = z.strictObject({ language: z.enum(['es', 'en']).default('es') });
const read = { access: 'authenticated' as const };
const write = { access: WRITERS };

export const standardsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const idOr404 = (id: string) => (isUuid(id) ? id : '00000000-0000-0000-0000-000000000000');

  // ------------------------------------------------------------------ attribute catalogue
  app.get(
    '/api/standards/attributes',
    { config: read, schema: { summary: 'The shared service attribute catalogue' } },
    async (req) => ({ items: await svc.listAttributes(db, authOf(req).orgId) }),
  );
  app.get(
    '/api/standards/attributes/usage',
    {
      config: read,
      schema: { summary: 'Where each attribute is used (standards, Kano questions, complaints)' },
    },
    async (req) => ({ items: await svc.attributeUsage(db, authOf(req)) }),
  );
  app.post(
    '/api/standards/attributes/sync',
    {
      config: write,
      schema: {
        summary:
          'Add the attributes named by complaint cases and Kano questions that are not in the catalogue yet (idempotent)',
      },
    },
    (req) => svc.syncAttributes(db, authOf(req).orgId),
  );
  app.post(
    '/api/standards/attributes',
    {
      config: write,
      schema: {
        summary: 'Add an attribute (same key and content again: 200 replay; other content: 409)',
        body: ZAttributeInputSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.createAttribute(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );
  app.patch(
    '/api/standards/attributes/:id',
    {
      config: write,
      schema: {
        summary: 'Edit an attribute (the key stays)',
        params: ZId,
        body: ZAttributePatchSchema,
      },
    },
    (req) => svc.patchAttribute(db, authOf(req), idOr404(req.params.id), req.body),
  );
  app.delete(
    '/api/standards/attributes/:id',
    { config: write, schema: { summary: 'Delete an attribute no standard uses', params: ZId } },
    async (req, reply) => {
      await svc.deleteAttribute(db, authOf(req), idOr404(req.params.id));
      return reply.status(204).send();
    },
  );

  // ----------------------------------------------------------------------------- moments
  app.get(
    '/api/standards/moments',
    {
      config: read,
      schema: { summary: 'Moments of service (the units the service act breaks into)' },
    },
    async (req) => ({ items: await svc.listMoments(db, authOf(req).orgId) }),
  );
  app.post(
    '/api/standards/moments',
    { config: write, schema: { summary: 'Add a moment of service', body: ZMomentInputSchema } },
    async (req, reply) => reply.status(201).send(await svc.createMoment(db, authOf(req), req.body)),
  );

  // -------------------------------------------------------------------- starter catalogues
  app.get(
    '/api/standards/catalogues',
    {
      config: read,
      schema: { summary: 'Starter catalogues (bank branch, shop, call centre, technical service)' },
    },
    () => svc.catalogues(),
  );
  app.post(
    '/api/standards/catalogues/:key/load',
    {
      config: write,
      schema: {
        summary: 'Load a starter catalogue (new codes only: edited standards are kept)',
        params: ZCatalogue,
        body: ZLoad.optional(),
      },
    },
    (req) => {
      const a = authOf(req);
      const key = (STARTER_CATALOGUES as readonly string[]).includes(req.params.key)
        ? req.params.key
        : '';
      return svc.loadCatalogue(db, a, key, req.body?.language ?? 'es');
    },
  );

  app.get(
    '/api/standards/servqual-items',
    {
      config: read,
      schema: { summary: 'The 22 SERVQUAL items (es/en wording) and dimension names' },
    },
    () => svc.servqualItems(),
  );

  // ---------------------------------------------------------------------------- coverage
  app.get(
    '/api/standards/coverage',
    {
      config: read,
      schema: {
        summary:
          "Gap 2: important items without a standard, standards below customers' expectations",
        querystring: ZCoverageQuerySchema,
      },
    },
    (req) => svc.coverage(db, authOf(req), req.query),
  );

  // --------------------------------------------------------------------------- standards
  app.get(
    '/api/standards',
    {
      config: read,
      schema: {
        summary: 'Standards at their current version',
        querystring: ZStandardListQuerySchema,
      },
    },
    async (req) => {
      const q = req.query;
      return {
        items: await svc.listStandards(db, authOf(req).orgId, {
          ...(q.unitId ? { unitId: q.unitId } : {}),
          ...(q.momentId ? { momentId: q.momentId } : {}),
          ...(q.attributeId ? { attributeId: q.attributeId } : {}),
          ...(q.dimension ? { dimension: q.dimension } : {}),
          ...(q.q ? { q: q.q } : {}),
          activeOnly: q.activeOnly,
        }),
      };
    },
  );
  app.post(
    '/api/standards',
    {
      config: write,
      schema: {
        summary: 'Create a standard (client-made id: same again 200 replay, other content 409)',
        body: ZStandardCreateSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.createStandard(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send(r);
    },
  );
  app.get(
    '/api/standards/:id',
    { config: read, schema: { summary: 'A standard at its current version', params: ZId } },
    (req) => svc.requireStandard(db, authOf(req).orgId, idOr404(req.params.id)),
  );
  app.post(
    '/api/standards/:id/versions',
    {
      config: write,
      schema: {
        summary:
          'Edit a standard: writes version baseVersion + 1 (201); same content 200; stale base 409',
        params: ZId,
        body: ZStandardEditSchema,
      },
    },
    async (req, reply) => {
      const r = await svc.editStandard(db, authOf(req), idOr404(req.params.id), req.body);
      return reply.status(r.changed ? 201 : 200).send(r);
    },
  );
  app.get(
    '/api/standards/:id/versions',
    { config: read, schema: { summary: 'Every version of a standard, newest first', params: ZId } },
    async (req) => ({
      items: await svc.listVersions(db, authOf(req).orgId, idOr404(req.params.id)),
    }),
  );
  app.get(
    '/api/standards/:id/versions/:version',
    { config: read, schema: { summary: 'One version of a standard', params: ZVersion } },
    (req) => svc.getVersion(db, authOf(req).orgId, idOr404(req.params.id), req.params.version),
  );
};
