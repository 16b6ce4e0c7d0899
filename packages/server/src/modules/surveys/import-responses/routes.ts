// HTTP routes for response imports under a survey (multipart upload, run, status, rejections).
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { ZResponseImportRunSchema } from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WRITERS } from '../../../lib/access';
import { authOf } from '../../../lib/auth-context';
import { AppError } from '../../../lib/errors';
import { neutraliseRow } from '../../../lib/tabular/neutralise';
import * as svc from './service';

const ZSurveyParams = z.object({ id: z.string().max(64) });
const ZParams = z.object({ id: z.string().max(64), importId: z.string().max(64) });
const access = { access: WRITERS };

export const responseImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  svc.registerResponseImportJob(db);
  // One byte over the limit so an oversized file is told apart from one exactly at it.
  await app.register(multipart, {
    limits: { fileSize: svc.MAX_IMPORT_BYTES + 1, files: 1, fields: 5 },
  });

  app.post(
    '/api/surveys/:id/response-imports',
    { config: access, schema: { params: ZSurveyParams } },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('RESPONSE_IMPORT_FORMAT');
      const part = await req.file();
      if (part?.fieldname !== 'file') throw new AppError('RESPONSE_IMPORT_EMPTY');
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('RESPONSE_IMPORT_TOO_LARGE');
        throw new AppError('RESPONSE_IMPORT_UNREADABLE');
      });
      const preview = await svc.upload(db, authOf(req), req.params.id, part.filename, bytes);
      return reply.status(201).send(preview);
    },
  );

  app.post(
    '/api/surveys/:id/response-imports/:importId/run',
    { config: access, schema: { params: ZParams, body: ZResponseImportRunSchema } },
    async (req, reply) => {
      const p = req.params;
      const r = await svc.start(db, authOf(req), p.id, p.importId, req.body.dryRun);
      return reply.status(202).send(r);
    },
  );

  app.get(
    '/api/surveys/:id/response-imports/:importId',
    { config: access, schema: { params: ZParams } },
    (req) => svc.status(db, authOf(req), req.params.id, req.params.importId),
  );

  // The rejected rows shown on screen (the first ones; the CSV below has them all).
  app.get(
    '/api/surveys/:id/response-imports/:importId/rejections',
    {
      config: access,
      schema: {
        params: ZParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    (req) => svc.rejections(db, authOf(req), req.params.id, req.params.importId, req.query.limit),
  );

  app.get(
    '/api/surveys/:id/response-imports/:importId/rejections.csv',
    { config: access, schema: { params: ZParams } },
    async (req, reply) => {
      // throws NOT_FOUND before any header is sent
      const rows = await svc.rejectionsCsv(db, authOf(req), req.params.id, req.params.importId);
      const body = Readable.from(
        (async function* () {
          yield `\uFEFF${stringify([['row', 'column', 'value', 'reason']])}`;
          // values are cells of the uploaded file: neutralised against formula injection
          for await (const r of rows)
            yield stringify([neutraliseRow([String(r.row), r.column, r.value, r.reason])]);
        })(),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="rechazos-respuestas-${req.params.importId}.csv"`,
        )
        .send(body);
    },
  );
};
