// A realistic Spanish demo org: Banco Horizonte, company > regions > branches > teams, one user
// per role. Passwords are random and printed once; nothing is hard-coded.
import type { Db } from '../db/client';
import type { Role } from '../lib/access';
import { randomToken } from '../lib/crypto';
import { createUser } from '../modules/users/service';
import type { DemoOrg } from './registry';
import { demoSeeders } from './seeders';

const TREE: [key: string, parent: string | null, name: string, kind: string][] = [
  ['hq', null, 'Banco Horizonte', 'company'],
  ['centro', 'hq', 'Región Centro', 'region'],
  ['norte', 'hq', 'Región Norte', 'region'],
  ['sur', 'hq', 'Región Sur', 'region'],
  ['madrid-castellana', 'centro', 'Oficina Madrid Castellana', 'branch'],
  ['madrid-sol', 'centro', 'Oficina Madrid Sol', 'branch'],
  ['bilbao', 'norte', 'Oficina Bilbao Gran Vía', 'branch'],
  ['oviedo', 'norte', 'Oficina Oviedo Uría', 'branch'],
  ['sevilla', 'sur', 'Oficina Sevilla Constitución', 'branch'],
  ['malaga', 'sur', 'Oficina Málaga Larios', 'branch'],
  ['castellana-empresas', 'madrid-castellana', 'Equipo Empresas Castellana', 'team'],
  ['castellana-particulares', 'madrid-castellana', 'Equipo Particulares Castellana', 'team'],
  ['atencion', 'hq', 'Servicio de Atención al Cliente', 'team'],
];

const USERS: [Role, string, string, string | null][] = [
  ['owner', 'admin@bancohorizonte.es', 'Lucía Fernández Ortega', null],
  ['admin', 'sistemas@bancohorizonte.es', 'Javier Martín Ruiz', null],
  ['analyst', 'calidad@bancohorizonte.es', 'Marta Gómez Herrero', null],
  ['agent', 'atencion@bancohorizonte.es', 'Carlos Navarro Gil', 'atencion'],
  ['viewer', 'director.centro@bancohorizonte.es', 'Ana Belén Torres', 'centro'],
];

export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM orgs LIMIT 1')).rows.length === 0;
}

export interface TDemoLogin {
  email: string;
  password: string;
  orgId: string;
  demo: DemoOrg;
}

/** Seeds the demo org; returns the owner's email and one-time password. */
export async function seedDemo(
  db: Db,
): Promise<{ email: string; password: string; orgId: string }> {
  const login = await seedDemoOrg(db);
  await seedDemoData(db, login.demo);
  return { email: login.email, password: login.password, orgId: login.orgId };
}

/**
 * The part of the demo a first login needs: the org, its units and its owner (whose
 * one-time password works as soon as this returns). The server runs seedDemoData after it
 * listens, so a first start is not kept waiting for the modules' demo data.
 */
export async function seedDemoOrg(db: Db): Promise<TDemoLogin> {
  const o = await db.query<{ id: string }>(
    `INSERT INTO orgs (name, slug) VALUES ('Banco Horizonte', 'banco-horizonte') RETURNING id`,
  );
  const orgId = (o.rows[0] as { id: string }).id;
  const units: Record<string, string> = {};
  for (const [key, parent, name, kind] of TREE) {
    const r = await db.query<{ id: string }>(
      'INSERT INTO org_units (org_id, parent_id, name, kind) VALUES ($1, $2, $3, $4) RETURNING id',
      [orgId, parent ? units[parent] : null, name, kind],
    );
    units[key] = (r.rows[0] as { id: string }).id;
  }
  // Only the owner before the server listens: each user costs an argon2 hash (tens to hundreds
  // of ms of CPU), and a first login needs just this one; the others come with the demo data.
  const system = { orgId, userId: null, email: null };
  const [role, email, name] = USERS[0] as (typeof USERS)[number];
  const { user, password } = await createUser(db, system, {
    email,
    name,
    role,
    unitId: null,
    password: randomToken(12),
  });
  const owner = { id: user.id, email, password };
  const demo: DemoOrg = { orgId, units, ownerId: owner.id };
  return { email: owner.email, password: owner.password, orgId, demo };
}

/** Runs every module's demo seeder in order; onDone is told after each (for progress). */
export async function seedDemoData(
  db: Db,
  demo: DemoOrg,
  onDone: (done: number, total: number) => void = () => {},
  stopped: () => boolean = () => false,
): Promise<void> {
  const system = { orgId: demo.orgId, userId: null, email: null };
  for (const [role, email, name, unit] of USERS.slice(1)) {
    if (stopped()) return;
    await createUser(db, system, {
      email,
      name,
      role,
      unitId: unit ? demo.units[unit] : null,
      password: randomToken(12),
    });
  }
  for (const [i, seeder] of demoSeeders.entries()) {
    if (stopped()) return;
    await seeder(db, demo);
    onDone(i + 1, demoSeeders.length);
  }
}
