// HTTP routes for customer imports (multipart upload, run, status, rejection report).
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { ZImportRunSchema } from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WRITERS } from '../../../lib/access';
import { authOf } from '../../../lib/auth-context';
import { AppError } from '../../../lib/errors';
import { neutraliseRow } from '../../../lib/tabular/neutralise';
import { rejectionsCsv, rejectionsPage } from './report';
import * as svc from './service';

const MAX_BYTES = 50 * 1024 * 1024;
const ZIdParams = z.object({ id: z.string().max(64) });

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.db;
  svc.registerImportJob(db);
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });

  app.post('/api/customer-imports', { config: { access: WRITERS } }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    const part = await req.file();
    if (part?.fieldname !== 'file') throw new AppError('IMPORT_EMPTY');
    const bytes = await part.toBuffer().catch((e: { code?: string }) => {
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
      throw new AppError('IMPORT_UNREADABLE');
    });
    return reply.status(201).send(await svc.upload(db, authOf(req), part.filename, bytes));
  });

  app.post(
    '/api/customer-imports/:id/run',
    { config: { access: WRITERS }, schema: { params: ZIdParams, body: ZImportRunSchema } },
    async (req, reply) => {
      const r = await svc.start(db, authOf(req), req.params.id, req.body.mapping, req.body.dryRun);
      return reply.status(202).send(r);
    },
  );

  app.get(
    '/api/customer-imports/:id',
    { config: { access: WRITERS }, schema: { params: ZIdParams } },
    (req) => svc.status(db, authOf(req), req.params.id),
  );

  // The rejected rows shown on screen (the first ones; the CSV below has them all).
  app.get(
    '/api/customer-imports/:id/rejections',
    {
      config: { access: WRITERS },
      schema: {
        params: ZIdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    (req) => rejectionsPage(db, authOf(req), req.params.id, req.query.limit),
  );

  app.get(
    '/api/customer-imports/:id/rejections.csv',
    { config: { access: WRITERS }, schema: { params: ZIdParams } },
    async (req, reply) => {
      const rows = rejectionsCsv(db, authOf(req), req.params.id);
      const first = await rows.next(); // throws NOT_FOUND before any header is sent
      const body = Readable.from(
        (async function* () {
          // values are cells of the uploaded file: neutralised against formula injection
          if (!first.done) yield `\uFEFF${stringify([neutraliseRow(first.value)])}`;
          for await (const r of rows) yield stringify([neutraliseRow(r)]);
        })(),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rechazos-${req.params.id}.csv"`)
        .send(body);
    },
  );
};
