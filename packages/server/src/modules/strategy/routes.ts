// The strategy module's HTTP routes (registered in modules/index.ts). API: docs/strategy.md.
import {
  ZAttributeTypeParamsSchema,
  ZAttributeTypeSchema,
  ZIdParamsSchema,
  ZMatrixQuerySchema,
  ZNeedCreateSchema,
  ZNeedLinkSchema,
  ZNeedPatchSchema,
  ZOrientationParamsSchema,
  ZOrientationPutSchema,
  ZStrategySegmentQuerySchema,
  ZTriangleRelationParamsSchema,
  ZTriangleUpdateSchema,
  ZValueModelCreateSchema,
  ZValueModelPutSchema,
} from '@fidelia/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WRITERS } from '../../lib/access';
import { authOf } from '../../lib/auth-context';
import * as svc from './service';

const ZTriangleUnitQuery = z.strictObject({ unitId: z.string().uuid().optional() });
const ZOrientationQuery = z.strictObject({ segment: z.string().trim().min(1).max(120) });

export const strategyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  const read = { access: 'authenticated' as const };
  const write = { access: WRITERS };

  // ------------------------------------------------------------------------ triangle
  app.get(
    '/api/strategy/triangle',
    {
      config: read,
      schema: {
        summary: 'Service triangle of a unit (none = the whole organisation): six relationships',
        querystring: ZTriangleUnitQuery,
      },
    },
    async (req) => ({
      unitId: req.query.unitId ?? null,
      items: await svc.getTriangle(db, authOf(req), req.query.unitId ?? null),
    }),
  );
  app.get(
    '/api/strategy/triangle/units',
    {
      config: read,
      schema: { summary: 'Units whose triangle the caller may see, with how much is assessed' },
    },
    (req) => svc.triangleUnits(db, authOf(req)),
  );
  app.put(
    '/api/strategy/triangle/:relation',
    {
      config: write,
      schema: {
        summary: 'Assess one triangle relationship of a unit or the whole organisation',
        params: ZTriangleRelationParamsSchema,
        querystring: ZTriangleUnitQuery,
        body: ZTriangleUpdateSchema,
      },
    },
    (req) =>
      svc.putTriangle(db, authOf(req), req.params.relation, req.body, req.query.unitId ?? null),
  );

  // --------------------------------------------------------------------- value model
  app.get(
    '/api/strategy/value-models',
    { config: read, schema: { summary: 'Customer value models per segment, with their figures' } },
    async (req) => ({ items: await svc.listValueModels(db, authOf(req)) }),
  );
  app.post(
    '/api/strategy/value-models',
    {
      config: write,
      schema: { summary: 'Add a value model (client-made id)', body: ZValueModelCreateSchema },
    },
    async (req, reply) => {
      const r = await svc.createValueModel(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send({ ...r.model, replay: r.replay });
    },
  );
  app.put(
    '/api/strategy/value-models/:id',
    {
      config: write,
      schema: {
        summary: 'Replace a value model',
        params: ZIdParamsSchema,
        body: ZValueModelPutSchema,
      },
    },
    (req) => svc.updateValueModel(db, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/strategy/value-models/:id',
    { config: write, schema: { summary: 'Delete a value model', params: ZIdParamsSchema } },
    async (req, reply) => {
      await svc.deleteValueModel(db, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------- needs -> attributes
  app.get(
    '/api/strategy/segments',
    { config: read, schema: { summary: 'Segment names used by the workspace or saved' } },
    (req) => svc.segmentNames(db, authOf(req)),
  );
  app.get(
    '/api/strategy/needs',
    {
      config: read,
      schema: { summary: 'Stated and real needs', querystring: ZStrategySegmentQuerySchema },
    },
    async (req) => ({ items: await svc.listNeeds(db, authOf(req), req.query.segment ?? null) }),
  );
  app.post(
    '/api/strategy/needs',
    { config: write, schema: { summary: 'Add a need (client-made id)', body: ZNeedCreateSchema } },
    async (req, reply) => {
      const r = await svc.createNeed(db, authOf(req), req.body);
      return reply.status(r.replay ? 200 : 201).send({ ...r.need, replay: r.replay });
    },
  );
  app.patch(
    '/api/strategy/needs/:id',
    {
      config: write,
      schema: { summary: 'Edit a need', params: ZIdParamsSchema, body: ZNeedPatchSchema },
    },
    (req) => svc.patchNeed(db, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/strategy/needs/:id',
    { config: write, schema: { summary: 'Delete a need', params: ZIdParamsSchema } },
    async (req, reply) => {
      await svc.deleteNeed(db, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.put(
    '/api/strategy/needs/:id/links',
    {
      config: write,
      schema: {
        summary: 'Set the strength linking a need to a service attribute',
        params: ZIdParamsSchema,
        body: ZNeedLinkSchema,
      },
    },
    (req) =>
      svc.setNeedLink(db, authOf(req), req.params.id, req.body.attributeId, req.body.strength),
  );
  app.put(
    '/api/strategy/attribute-types/:attributeId',
    {
      config: write,
      schema: {
        summary: "Override an attribute's type (null = the Kano suggestion)",
        params: ZAttributeTypeParamsSchema,
        body: ZAttributeTypeSchema,
      },
    },
    (req) => svc.setAttributeType(db, authOf(req), req.params.attributeId, req.body.type),
  );
  app.get(
    '/api/strategy/matrix',
    {
      config: read,
      schema: { summary: 'Needs x service attributes matrix', querystring: ZMatrixQuerySchema },
    },
    (req) => svc.matrix(db, authOf(req), req.query),
  );

  // --------------------------------------------------------------------- orientation
  app.get(
    '/api/strategy/orientation',
    {
      config: read,
      schema: {
        summary: 'Customer-orientation answers of a segment',
        querystring: ZOrientationQuery,
      },
    },
    async (req) => ({ items: await svc.orientation(db, authOf(req), req.query.segment) }),
  );
  app.put(
    '/api/strategy/orientation/:question',
    {
      config: write,
      schema: {
        summary: 'Answer one customer-orientation question for a segment',
        params: ZOrientationParamsSchema,
        body: ZOrientationPutSchema,
      },
    },
    (req) => svc.putOrientation(db, authOf(req), req.params.question, req.body),
  );
};
