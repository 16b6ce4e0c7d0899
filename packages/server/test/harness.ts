// Shared database test harness. createTestDb() gives each test file a fresh, migrated database:
//  - pglite (default): an in-memory PGlite loaded from a migrated data-dir dump cached on disk
//    (keyed by the migration files' hash), so the ~4 s initdb+migrate happens once per change;
//  - postgres (FIDELIA_TEST_ENGINE=postgres, TEST_DATABASE_URL): CREATE DATABASE ... TEMPLATE of
//    a migrated template database, dropped again on close().
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from '../src/app';
import type { TConfig } from '../src/config';
import { type Db, pgliteDb } from '../src/db/client';
import { migrate, migrationFiles } from '../src/db/migrate';
import { postgresDb } from '../src/db/postgres';
import type { Role } from '../src/lib/access';
import { ROLES } from '../src/lib/access';
import { sha256 } from '../src/lib/crypto';
import { type Mail, type Mailer, nullMailer } from '../src/mail/mailer';
import { createUser } from '../src/modules/users/service';

export const testEngine = (): 'pglite' | 'postgres' =>
  process.env.FIDELIA_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

const schemaHash = () =>
  sha256(
    migrationFiles()
      .map((m) => `${m.name}\n${m.sql}`)
      .join('\n'),
  ).slice(0, 16);

async function pgliteTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `fidelia-test-pglite-${schemaHash()}.tar`);
  if (!existsSync(file)) {
    const db = await PGlite.create();
    await migrate(pgliteDb(db));
    const dump = await db.dumpDataDir('none');
    await db.close();
    const tmp = `${file}.${process.pid}.${Date.now()}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel workers never read a half-written file
  }
  return new Blob([readFileSync(file)]);
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function postgresTemplate(admin: pg.Client, url: string): Promise<string> {
  const name = `fidelia_tpl_${schemaHash()}`;
  // Serialise template creation across parallel test files.
  await admin.query('SELECT pg_advisory_lock(4242)');
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rows.length) {
      await admin.query(`CREATE DATABASE ${name}_wip`);
      const db = postgresDb(withDb(url, `${name}_wip`), 1);
      await migrate(db);
      await db.close();
      await admin.query(`ALTER DATABASE ${name}_wip RENAME TO ${name}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(4242)');
  }
  return name;
}

export interface TestDb extends Db {
  /** Drops the database (postgres) or closes PGlite. */
  close(): Promise<void>;
  /** postgres: the test database's URL, for a second connection (a second server instance). */
  url?: string;
}

/**
 * A fresh migrated database. The engine and server come from FIDELIA_TEST_ENGINE and
 * TEST_DATABASE_URL unless given (benchmarks pick both themselves).
 */
export async function createTestDb(
  o: { engine?: 'pglite' | 'postgres'; url?: string } = {},
): Promise<TestDb> {
  if ((o.engine ?? testEngine()) === 'pglite') {
    const db = await PGlite.create({ loadDataDir: await pgliteTemplate() });
    return pgliteDb(db);
  }
  const url = o.url ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('FIDELIA_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const tpl = await postgresTemplate(admin, url);
  const name = `fidelia_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  for (let i = 0; ; i++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
      break;
    } catch (e) {
      // "source database is being accessed by other users" while another file copies it.
      if (i > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const db = postgresDb(withDb(url, name), 4);
  return {
    ...db,
    url: withDb(url, name),
    close: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

export function testConfig(over: Partial<TConfig> = {}): TConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: join(tmpdir(), 'fidelia-test-data'),
    databaseUrl: undefined,
    smtpUrl: undefined,
    mailFrom: 'Fidelia <test@fidelia.local>',
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    cookieSecure: false,
    logLevel: 'silent',
    publicUrl: 'http://fidelia.test',
    bodyLimit: 1024 * 1024,
    rateLimitAuth: 10_000,
    rateLimitAccount: 10_000,
    trustProxy: false,
    rateLimitSurvey: 10_000,
    rateLimitComplaint: 10_000,
    attachmentMaxBytes: 5 * 1024 * 1024,
    webDist: undefined,
    clamdUrl: undefined,
    complaintsSmtp: null,
    webhookAllowPrivate: false,
    ...over,
  };
}

export async function createTestApp(
  o: { db?: Db; mailer?: Mailer; config?: Partial<TConfig> } = {},
) {
  const db = o.db ?? (await createTestDb());
  const mailer = o.mailer ?? nullMailer();
  const app = await buildApp({ config: testConfig(o.config), db, mailer, logger: false });
  await app.ready();
  return { app, db, mailer: mailer as Mailer & { sent?: Mail[] } };
}

type TestApp = Awaited<ReturnType<typeof createTestApp>>['app'];

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}
export interface TestOrg {
  orgId: string;
  companyUnitId: string;
  users: Record<Role, TestUser>;
}

let seq = 0;
/** An org with a company unit and one user per role (password known). */
export async function createOrg(db: Db, name = 'Org'): Promise<TestOrg> {
  const tag = `${process.pid}-${Date.now().toString(36)}-${seq++}`;
  const o = await db.query<{ id: string }>(
    'INSERT INTO orgs (name, slug) VALUES ($1, $2) RETURNING id',
    [`${name} ${tag}`, `org-${tag}`],
  );
  const orgId = (o.rows[0] as { id: string }).id;
  const u = await db.query<{ id: string }>(
    `INSERT INTO org_units (org_id, name, kind) VALUES ($1, $2, 'company') RETURNING id`,
    [orgId, name],
  );
  const companyUnitId = (u.rows[0] as { id: string }).id;
  const users = {} as Record<Role, TestUser>;
  for (const role of ROLES) {
    const email = `${role}-${tag}@example.test`;
    const password = `pw-${role}-${tag}`;
    const { user } = await createUser(
      db,
      { orgId, userId: null, email: null },
      { email, name: `${role} ${name}`, role, password },
    );
    users[role] = { id: user.id, email, password, role };
  }
  return { orgId, companyUnitId, users };
}

/** A bare org (no unit, no user) for repo-level tests and benchmarks; returns its id. */
export async function createBareOrg(db: Db): Promise<string> {
  const tag = `${process.pid}-${Date.now().toString(36)}-${seq++}`;
  const o = await db.query<{ id: string }>(
    'INSERT INTO orgs (name, slug) VALUES ($1, $2) RETURNING id',
    [`Org ${tag}`, `org-${tag}`],
  );
  return (o.rows[0] as { id: string }).id;
}

/** A unit under `parentId` (or a root); returns its id. */
export async function createUnit(
  db: Db,
  orgId: string,
  name: string,
  kind: 'company' | 'region' | 'branch' | 'team',
  parentId: string | null,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING id',
    [orgId, parentId, name, kind],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('unit insert returned nothing');
  return id;
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Logs in through the API and returns the cookie + CSRF token for app.inject(). */
export async function login(
  app: TestApp,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<Session> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: user.password },
  });
  if (r.statusCode !== 200) throw new Error(`login failed ${r.statusCode} ${r.body}`);
  const c = r.cookies.find((x) => x.name === 'fidelia_session');
  if (!c) throw new Error('no session cookie');
  const cookie = `fidelia_session=${c.value}`;
  const s = await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
  const csrf = (s.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
