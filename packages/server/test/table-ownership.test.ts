// Table ownership (ARCHITECTURE.md "Cross-module reads"): every table belongs to the module whose
// migration creates it; SQL anywhere else may only SELECT from the views an owning module
// publishes, never touch its tables. The SQL is found by parsing every string and template
// literal in packages/server/src (tests and test helpers excluded: they seed state on purpose)
// and every migration, so a new shortcut fails here instead of being copied.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', 'src');
const MIGRATIONS = join(SRC, 'db', 'migrations');

// Migration number ranges -> owning module. Core (001–099) holds several modules' tables, so
// those are named one by one below; a new core table without an entry fails the test.
const RANGES: { from: number; to: number; module: string }[] = [
  { from: 100, to: 199, module: 'customers' },
  { from: 200, to: 299, module: 'surveys' },
  { from: 300, to: 399, module: 'complaints' },
  { from: 400, to: 499, module: 'retention' },
  { from: 500, to: 549, module: 'analytics' },
  { from: 600, to: 619, module: 'standards' },
  { from: 620, to: 649, module: 'fieldwork' },
  { from: 650, to: 669, module: 'performance' },
  { from: 730, to: 759, module: 'strategy' },
  { from: 800, to: 829, module: 'panels' },
  { from: 700, to: 729, module: 'diagnostic' },
];
const CORE: Record<string, string> = {
  orgs: 'orgs',
  org_units: 'orgs',
  users: 'users',
  sessions: 'auth',
  password_resets: 'auth',
  api_tokens: 'tokens',
  audit_log: 'audit',
  jobs: 'jobs',
  // Rate-limit counters: lib/rate-limit-store.ts is their only reader and writer.
  rate_limits: 'lib',
  // Published views (060): owned by the module whose table they show.
  pub_orgs: 'orgs',
  pub_org_units: 'orgs',
  pub_users: 'users',
  pub_audit_log: 'audit',
  pub_jobs: 'jobs',
};

// Accesses that break the rule today, with the reason they stay. Each entry is
// "<file relative to src>: <verb> <table>"; an entry that no longer matches fails too, so the
// list only shrinks.
const ALLOWED: Record<string, string> = {
  // Infrastructure that is about every table, not a module reading another's data.
  'db/backup.ts: read orgs': 'restore refuses a database that already holds an org',
  'demo/seed.ts: read orgs': 'first start: is the database empty',
  'demo/seed.ts: write orgs': 'first start creates the demo org itself (no org, no actor yet)',
  'demo/seed.ts: write org_units': 'demo tree without audit entries, as before',
  // Request authentication runs before any module (one statement per request, hot path).
  'lib/auth-context.ts: read api_tokens': 'request authentication (bearer token)',
  'lib/auth-context.ts: read sessions': 'request authentication (session cookie)',
  'lib/auth-context.ts: read users': 'request authentication: the user behind it, in one join',
  'lib/auth-context.ts: write api_tokens': 'last_used_at on each authenticated request',
  // Deactivating an account ends its sessions in the same transaction; auth imports users, so
  // calling auth from users would be an import cycle. To move: a users -> auth listener.
  'modules/users/repo.ts: write sessions': 'deactivation ends sessions (see above)',
  // The SLA recompute writes a page's new timer jobs (ids chosen up front, stored on the
  // targets) in the same single statement as the targets; enqueue() is one row per call.
  'modules/complaints/sla/repo-targets.ts: write jobs': 'one statement per recompute page (speed)',
  'modules/complaints/sla/repo-recompute-set.ts: write jobs':
    'one statement per recompute group (speed)',
};

// Layering (ARCHITECTURE.md "Repos hold SQL"): inside src/modules/ the SQL lives in repo files
// only: a file named repo.ts or repo-<name>.ts (not merely starting with "repo": reports.ts is
// no repo). Infrastructure outside modules/ (db/, jobs/, lib/, demo/seed.ts, cli/) is its own
// layer and not judged here. Files that still hold SQL, with the reason; an entry whose file no
// longer holds SQL fails as stale, so the list only shrinks. Empty since issue 18 moved the last
// ones; an exception added later needs its reason here.
const SQL_OUTSIDE_REPOS: Record<string, string> = {};

/** A repo file: repo.ts or repo-<name>.ts, in any folder of a module. */
const isRepoFile = (file: string): boolean => /^repo(-[a-z0-9-]+)?\.ts$/.test(basename(file));

type Obj = { name: string; module: string; kind: 'table' | 'view'; migration: string };

function migrationModule(file: string, table: string): string {
  const n = Number(file.slice(0, 3));
  const r = RANGES.find((x) => n >= x.from && n <= x.to);
  if (r) return r.module;
  const core = CORE[table];
  if (!core) throw new Error(`core table ${table} (${file}) has no owner in CORE`);
  return core;
}

function stripSqlComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}

function objects(): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const f of readdirSync(MIGRATIONS)
    .filter((x) => x.endsWith('.sql'))
    .sort()) {
    const sql = stripSqlComments(readFileSync(join(MIGRATIONS, f), 'utf8'));
    const re =
      /\bCREATE\s+(?:UNLOGGED\s+)?(TABLE|(?:OR\s+REPLACE\s+)?VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)/gi;
    for (const m of sql.matchAll(re)) {
      const name = (m[2] as string).toLowerCase();
      const kind = /VIEW/i.test(m[1] as string) ? 'view' : 'table';
      if (!out.has(name))
        out.set(name, { name, kind, module: migrationModule(f, name), migration: f });
    }
  }
  return out;
}

// The module a source file belongs to: modules/<name>/** (sla is part of complaints), else the
// top-level folder (jobs, lib, db, cli, demo).
function moduleOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'modules') return parts[1] as string;
  return parts.length > 1 ? (parts[0] as string) : 'app';
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'testing' || e.name === 'migrations') continue;
      out.push(...walk(p));
    } else if (
      e.name.endsWith('.ts') &&
      !e.name.endsWith('.test.ts') &&
      !e.name.endsWith('.d.ts') &&
      e.name !== 'testing.ts'
    ) {
      out.push(p);
    }
  }
  return out;
}

// Every string the file spells out, template placeholders replaced by a neutral token.
function literals(path: string): string[] {
  const src = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n)) {
      out.push([n.head.text, ...n.templateSpans.map((s) => ` $x ${s.literal.text}`)].join(''));
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

type Verb = 'read' | 'write';
// Which tables a SQL text touches and how. Reads: FROM / JOIN (and the comma list after FROM);
// writes: INSERT INTO, UPDATE, DELETE FROM, TRUNCATE, ALTER TABLE, CREATE INDEX ... ON.
function accesses(sql: string, known: Map<string, Obj>): { verb: Verb; name: string }[] {
  const s = stripSqlComments(sql);
  const out: { verb: Verb; name: string }[] = [];
  const add = (verb: Verb, raw: string) => {
    const name = raw.toLowerCase();
    if (known.has(name)) out.push({ verb, name });
  };
  for (const m of s.matchAll(
    /\b(INSERT\s+INTO|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|ALTER\s+TABLE(?:\s+IF\s+EXISTS)?|UPDATE|(?:CREATE\s+(?:UNIQUE\s+)?INDEX\b[^;]*?\bON))\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)/gi,
  )) {
    add('write', m[2] as string);
  }
  for (const m of s.matchAll(
    /\b(FROM|JOIN)\s+([a-z_][a-z0-9_]*(?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?(?:\s*,\s*[a-z_][a-z0-9_]*(?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?)*)/gi,
  )) {
    const before = s.slice(Math.max(0, (m.index ?? 0) - 8), m.index).toUpperCase();
    if (/DELETE\s*$/.test(before)) continue;
    for (const item of (m[2] as string).split(','))
      add('read', item.trim().split(/\s+/)[0] as string);
  }
  return out;
}

// Files under src/modules/ (tests and test helpers excluded, as everywhere here) -> how many of
// their string/template literals are SQL on a known table or view.
function sqlFilesInModules(known: Map<string, Obj>): Map<string, number> {
  const out = new Map<string, number>();
  for (const path of walk(join(SRC, 'modules'))) {
    const file = relative(SRC, path).split(sep).join('/');
    const n = literals(path).filter((l) => accesses(l, known).length > 0).length;
    if (n > 0) out.set(file, n);
  }
  return out;
}

// The layering verdict: files with SQL that are no repo files and not allowed (unexpected), and
// allowed files that hold no SQL any more or became repo files (stale).
function layering(
  files: Map<string, number>,
  allowed: Record<string, string>,
): { unexpected: string[]; stale: string[] } {
  const outside = [...files.keys()].filter((f) => !isRepoFile(f));
  return {
    unexpected: outside.filter((f) => !(f in allowed)).sort(),
    stale: Object.keys(allowed)
      .filter((f) => !outside.includes(f))
      .sort(),
  };
}

function violations(): string[] {
  const known = objects();
  const found = new Set<string>();
  for (const path of walk(SRC)) {
    const file = relative(SRC, path).split(sep).join('/');
    const mod = moduleOf(file);
    for (const text of literals(path)) {
      for (const a of accesses(text, known)) {
        const o = known.get(a.name) as Obj;
        if (o.module === mod) continue;
        if (o.kind === 'view' && a.verb === 'read') continue;
        found.add(`${file}: ${a.verb} ${a.name}`);
      }
    }
  }
  // Migrations: a view may only be built from its own module's tables and other modules'
  // views; DML in a migration touches only its own module's tables. Foreign keys (REFERENCES)
  // are integrity, not reads, and stay allowed.
  for (const f of readdirSync(MIGRATIONS).filter((x) => x.endsWith('.sql'))) {
    const sql = stripSqlComments(readFileSync(join(MIGRATIONS, f), 'utf8'));
    for (const stmt of sql.split(';')) {
      const view = /\bCREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+([a-z_][a-z0-9_]*)/i.exec(stmt);
      const isDml = /^\s*(INSERT|UPDATE|DELETE)\b/i.test(stmt);
      if (!view && !isDml) continue;
      const mod = view ? (known.get((view[1] as string).toLowerCase()) as Obj).module : null;
      for (const a of accesses(stmt, known)) {
        const o = known.get(a.name) as Obj;
        if (view && a.name === (view[1] as string).toLowerCase()) continue;
        const owner = mod ?? migrationModule(f, a.name);
        if (o.module === owner || (o.kind === 'view' && a.verb === 'read')) continue;
        found.add(`db/migrations/${f}: ${a.verb} ${a.name}`);
      }
    }
  }
  return [...found].sort();
}

describe('table ownership', () => {
  const known = objects();
  let scanned: Map<string, number> | undefined;
  const sqlFiles = () => {
    scanned ??= sqlFilesInModules(known);
    return scanned;
  };

  it('maps every table to one module', () => {
    expect(known.size).toBeGreaterThan(40);
    expect(known.get('customers')?.module).toBe('customers');
    expect(known.get('org_units')?.module).toBe('orgs');
    expect(known.get('retention_scores')?.module).toBe('retention');
  });

  it('finds the SQL it must judge (a parser that sees nothing cannot fail)', () => {
    expect(accesses('SELECT c.id FROM customers c JOIN orgs o ON o.id = c.org_id', known)).toEqual([
      { verb: 'read', name: 'customers' },
      { verb: 'read', name: 'orgs' },
    ]);
    expect(accesses('UPDATE users SET name = $1', known)).toEqual([
      { verb: 'write', name: 'users' },
    ]);
    expect(accesses('DELETE FROM sessions WHERE id = $1', known)).toEqual([
      { verb: 'write', name: 'sessions' },
    ]);
    expect(accesses('INSERT INTO jobs (id) SELECT id FROM orgs', known)).toEqual([
      { verb: 'write', name: 'jobs' },
      { verb: 'read', name: 'orgs' },
    ]);
    expect(accesses('select 1 from customers a, orgs b', known)).toEqual([
      { verb: 'read', name: 'customers' },
      { verb: 'read', name: 'orgs' },
    ]);
  });

  it('routes hold no SQL and call services, never repos', () => {
    const bad: string[] = [];
    for (const path of walk(SRC).filter((p) => p.endsWith(`${sep}routes.ts`))) {
      const file = relative(SRC, path).split(sep).join('/');
      const text = readFileSync(path, 'utf8');
      if (/from '\.\/repo(-[a-z]+)?'/.test(text)) bad.push(`${file}: imports a repo`);
      if (literals(path).some((l) => accesses(l, known).length > 0)) bad.push(`${file}: SQL`);
    }
    expect(bad).toEqual([]);
  });

  it('SQL in modules lives in repo files', () => {
    const { unexpected, stale } = layering(sqlFiles(), SQL_OUTSIDE_REPOS);
    expect(unexpected).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('sees the SQL of the repo files it must judge (a scan that sees nothing cannot fail)', () => {
    const files = sqlFiles();
    const repos = [...files.keys()].filter(isRepoFile);
    expect(repos.length).toBeGreaterThan(35);
    for (const f of [
      'modules/users/repo.ts',
      'modules/orgs/repo.ts',
      'modules/auth/repo.ts',
      'modules/audit/repo.ts',
      'modules/analytics/repo-digest.ts',
      'modules/analytics/repo-daily.ts',
      'modules/complaints/sla/repo-targets.ts',
    ])
      expect(files.get(f) ?? 0, f).toBeGreaterThan(0);
    expect(files.get('modules/users/repo.ts')).toBeGreaterThanOrEqual(10);
    // template literals with placeholders count too
    expect(files.get('modules/analytics/repo-daily.ts')).toBeGreaterThanOrEqual(4);
    // what a repo file is
    expect(['repo.ts', 'a/repo-x.ts', 'a/b/repo-set-2.ts'].map(isRepoFile)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ['reports.ts', 'report.ts', 'repos.ts', 'service.ts', 'repo.test.ts'].map(isRepoFile),
    ).toEqual([false, false, false, false, false]);
    // the verdict: SQL outside a repo file is reported, an allow-list entry without SQL is stale
    const fake = new Map([
      ['modules/x/repo.ts', 3],
      ['modules/x/service.ts', 1],
      ['modules/x/reports.ts', 1],
    ]);
    expect(layering(fake, { 'modules/x/reports.ts': 'r', 'modules/x/gone.ts': 'r' })).toEqual({
      unexpected: ['modules/x/service.ts'],
      stale: ['modules/x/gone.ts'],
    });
  });

  it('SQL outside the owning module reads only published views', () => {
    const found = violations();
    const unexpected = found.filter((v) => !(v in ALLOWED));
    const stale = Object.keys(ALLOWED).filter((k) => !found.includes(k));
    expect(unexpected).toEqual([]);
    expect(stale).toEqual([]);
  });
});
