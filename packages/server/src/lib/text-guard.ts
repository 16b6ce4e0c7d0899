// The one place that refuses text the database cannot store: a NUL character (PostgreSQL text
// never holds U+0000, so it used to surface as a 500 from deep inside a repo) and malformed
// Unicode (invalid UTF-8 bytes, lone surrogates). Installed once in app.ts for every route, so a
// module never has to think about it:
//  - onRequest: the URL (path params and query, percent-decoded) and every header value;
//  - the JSON parser: the body bytes must be valid UTF-8 (decoded strictly, not with U+FFFD);
//  - preValidation: every key and string in the parsed body (JSON escapes like \u0000, \ud800);
//  - multipart: the file name, field name and fields of each part a handler reads.
// A URL that is not even valid percent-encoding is answered by `badUrl` (Fastify's
// frameworkErrors hook), since it fails routing before any hook runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorBody, pickLang, registerErrors } from './errors';

registerErrors({
  TEXT_INVALID: {
    status: 400,
    es: 'El texto contiene un carácter no permitido (NUL o Unicode mal formado).',
    en: 'The text contains a character that is not allowed (NUL or malformed Unicode).',
  },
});

const MAX_DEPTH = 64;
// With the u flag a valid surrogate pair is one code point, so this matches only lone halves.
const LONE_SURROGATE = /\p{Cs}/u;

/** True when a string (or any key/string inside a value) holds NUL or malformed Unicode. */
export function hasBadText(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000') || LONE_SURROGATE.test(v);
  if (!v || typeof v !== 'object' || depth > MAX_DEPTH) return false;
  if (Buffer.isBuffer(v)) return false; // binary bodies (uploads) are bytes, not text
  if (Array.isArray(v)) return v.some((x) => hasBadText(x, depth + 1));
  for (const [k, x] of Object.entries(v))
    if (hasBadText(k) || hasBadText(x, depth + 1)) return true;
  return false;
}

/** The raw URL decoded as UTF-8; null when it is not valid percent-encoded UTF-8. */
function decodedUrl(url: string): string | null {
  try {
    return decodeURIComponent(url);
  } catch {
    return null;
  }
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

interface Part {
  filename?: unknown;
  fieldname?: unknown;
  fields?: Record<string, unknown>;
}

function checkPart(p: Part | undefined): void {
  if (!p) return;
  const fields = Object.values(p.fields ?? {}).map((f) =>
    f && typeof f === 'object' && 'value' in f ? (f as { value: unknown }).value : undefined,
  );
  if (hasBadText([p.filename, p.fieldname, ...fields])) throw new AppError('TEXT_INVALID');
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const url = decodedUrl(req.url);
    if (url === null || hasBadText(url)) throw new AppError('TEXT_INVALID');
    for (const h of Object.values(req.headers))
      if (hasBadText(h)) throw new AppError('TEXT_INVALID');
  });

  // Fastify's own JSON parser (prototype-poisoning protection kept), fed strictly decoded text:
  // the default one decodes invalid bytes to U+FFFD and stores them silently.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = strict.decode(body as Buffer);
    } catch {
      return done(new AppError('TEXT_INVALID'), undefined);
    }
    return parseJson(req, text, done);
  });

  app.addHook('preValidation', async (req) => {
    if (hasBadText(req.body)) throw new AppError('TEXT_INVALID');
    // @fastify/multipart is registered inside the modules that take uploads; its req.file()
    // and req.parts() are wrapped here so every part is checked before a handler sees it.
    const r = req as unknown as {
      isMultipart?: () => boolean;
      file?: (...a: unknown[]) => Promise<Part | undefined>;
      parts?: (...a: unknown[]) => AsyncIterable<Part>;
    };
    if (!r.isMultipart?.()) return;
    const { file, parts } = r;
    if (file) {
      r.file = async (...a) => {
        const p = await file.apply(req, a);
        checkPart(p);
        return p;
      };
    }
    if (parts) {
      r.parts = async function* (...a) {
        for await (const p of parts.apply(req, a)) {
          checkPart(p);
          yield p;
        }
      };
    }
  });
}

/** Fastify `frameworkErrors`: a URL that cannot be decoded is bad text, not a server error. */
export function badUrl(err: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLang(undefined, req.headers['accept-language']);
  if (err.code === 'FST_ERR_BAD_URL')
    return reply.status(400).send(errorBody('TEXT_INVALID', lang));
  return reply.status(400).send(errorBody('BAD_REQUEST', lang));
}
