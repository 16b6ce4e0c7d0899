// The OpenAPI document (/api/openapi.json), generated from the live routes: zod schemas become
// JSON Schema (fastify-type-provider-zod), and every operation gets, from its `config.access`:
//  - its security (none for public routes; the session cookie — plus the CSRF header on writes —
//    or a bearer API token, as lib/auth-context.ts accepts them);
//  - the error answers it can give, all with the one error body (lib/errors.ts errorBody);
//  - a summary (the route's own `schema.summary`, else one made from method and path) and a
//    unique operationId.
// Linted with Redocly's recommended rules by test/openapi.db.test.ts (0 errors).
import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from './access';

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', description: 'stable error code, e.g. VALIDATION_FAILED' },
        message: { type: 'string', description: 'localised (es/en) message for people' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

const ERRORS: Record<number, string> = {
  400: 'Invalid input (validation, malformed JSON, NUL or malformed Unicode in text)',
  401: 'Not signed in, or the session or token is not valid',
  403: 'Signed in, but this role may not do this (or the CSRF token is missing)',
  404: 'Not found (also: belongs to another organisation)',
  409: 'Conflicts with existing data',
  413: 'Payload too large',
  429: 'Too many requests',
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function security(access: Access | undefined, method: string) {
  if (access === undefined || access === 'public') return [];
  const session = SAFE.has(method) ? { session: [] } : { session: [], csrf: [] };
  return [session, { bearer: [] }];
}

function errorCodes(access: Access | undefined, method: string, url: string): number[] {
  const codes = [400, 429];
  if (access !== 'public') codes.push(401, 403);
  else if (!SAFE.has(method)) codes.push(403); // a signed-in browser without its CSRF token
  if (url.includes(':')) codes.push(404);
  if (!SAFE.has(method)) codes.push(409, 413);
  return codes.sort();
}

const VERBS: Record<string, string> = {
  GET: 'Get',
  POST: 'Post',
  PUT: 'Replace',
  PATCH: 'Update',
  DELETE: 'Delete',
};

/** "POST /api/surveys/:id/publish" -> "Post surveys › publish" (params left out). */
export function summaryOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split('/')
    .filter((p) => p && !p.startsWith(':'))
    .map((p) => p.replace(/[-_.]/g, ' '));
  return `${VERBS[method] ?? method} ${words.join(' › ') || 'root'}`;
}

function operationId(method: string, url: string): string {
  const parts = url
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((p) => (p.startsWith(':') ? `By${p.slice(1)}` : p))
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1));
  return `${method.toLowerCase()}${parts.join('')}`;
}

/** `nullable` without a `type` (zod's any/unknown) is invalid OpenAPI 3.0; untyped already
 *  admits null, so the flag is dropped. */
function dropUntypedNullable(v: unknown): void {
  if (!v || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) dropUntypedNullable(x);
    return;
  }
  const o = v as Record<string, unknown>;
  if ('nullable' in o && !('type' in o) && !('$ref' in o)) delete o.nullable;
  for (const x of Object.values(o)) dropUntypedNullable(x);
}

type TransformArg = Parameters<typeof jsonSchemaTransform>[0];

export function openapiOptions(version: string): SwaggerOptions {
  return {
    openapi: {
      info: {
        title: 'Fidelia API',
        version,
        description:
          'Customer experience, service quality, complaints and retention. Errors share one ' +
          'body: { error: { code, message, details } }.',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'fidelia_session',
            description: 'Browser session from POST /api/auth/login',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description:
              'CSRF token from GET /api/auth/session; required with the session on writes',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token (fid_...) made under /api/tokens; read or write scope',
          },
        },
      },
    },
    transform: (arg: TransformArg) => {
      const out = jsonSchemaTransform(arg) as { schema: Record<string, unknown>; url: string };
      const method = String([arg.route.method].flat()[0]);
      const access = arg.route.config?.access as Access | undefined;
      const schema = { ...out.schema };
      dropUntypedNullable(schema);
      const response = { ...((schema.response as Record<string, unknown>) ?? {}) };
      for (const code of errorCodes(access, method, arg.url)) {
        response[code] ??= { description: ERRORS[code], ...errorBody };
      }
      // A route without a declared success answer still says what success is.
      if (!Object.keys(response).some((c) => c.startsWith('2')))
        response['2xx'] = { description: 'Success', type: 'object', additionalProperties: true };
      schema.response = response;
      schema.summary ??= summaryOf(method, arg.url);
      schema.operationId ??= operationId(method, arg.url);
      schema.security = security(access, method);
      return { ...out, schema };
    },
  };
}
