// The shared service attribute catalogue (issue 16): CRUD, ensureAttributes for other modules,
// the starter entries, and where each attribute is used.
import type {
  TAttribute,
  TAttributeGroup,
  TAttributeInput,
  TAttributePatch,
  TAttributeUsage,
  TServqualDimension,
} from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import * as complaints from '../complaints/service';
import * as surveys from '../surveys/service';
import { STARTER_ATTRIBUTES } from './catalogues';
import * as repo from './repo';
import { actorOf, checkItems } from './rules';

export const listAttributes = (db: Sql, orgId: string): Promise<TAttribute[]> =>
  repo.listAttributes(db, orgId);

export async function getAttributeByKey(
  db: Sql,
  orgId: string,
  key: string,
): Promise<TAttribute | null> {
  return (await repo.attributesByKeys(db, orgId, [key]))[0] ?? null;
}

export async function getAttribute(db: Sql, orgId: string, id: string): Promise<TAttribute> {
  const a = await repo.attributeById(db, orgId, id);
  if (!a) throw new AppError('ATTRIBUTE_NOT_FOUND');
  return a;
}

export interface TEnsureAttribute {
  key: string;
  nameEs?: string;
  nameEn?: string;
  group?: TAttributeGroup;
  dimension?: TServqualDimension | null;
  servqualItems?: number[];
  /** who registered it, e.g. 'kano', 'complaints', 'strategy' */
  source?: string;
}

const humanise = (key: string) => {
  const s = key.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/**
 * Registers keys in the catalogue (idempotent: keys already there are left untouched, new ones
 * get the given names or the key as name) and answers every requested key's attribute.
 */
export async function ensureAttributes(
  db: Sql,
  orgId: string,
  xs: TEnsureAttribute[],
): Promise<TAttribute[]> {
  const keys = [...new Set(xs.map((x) => x.key))];
  if (keys.length === 0) return [];
  for (const k of keys)
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(k)) throw new AppError('VALIDATION_FAILED', { key: k });
  await repo.insertAttributes(
    db,
    orgId,
    xs.map((x) => ({
      key: x.key,
      nameEs: x.nameEs ?? humanise(x.key),
      nameEn: x.nameEn ?? humanise(x.key),
      descriptionEs: null,
      descriptionEn: null,
      group: x.group ?? 'process',
      dimension: x.dimension ?? null,
      servqualItems: x.servqualItems ?? [],
      source: x.source ?? 'module',
    })),
  );
  return repo.attributesByKeys(db, orgId, keys);
}

/** The starter entries (tangibles, people, process, after-sales), es/en; idempotent. */
export async function ensureStarterAttributes(db: Sql, orgId: string): Promise<number> {
  return repo.insertAttributes(
    db,
    orgId,
    STARTER_ATTRIBUTES.map((a) => ({
      key: a.key,
      nameEs: a.es,
      nameEn: a.en,
      descriptionEs: null,
      descriptionEn: null,
      group: a.group,
      dimension: a.dimension,
      servqualItems: a.items,
      source: 'starter',
    })),
  );
}

const attrContent = (a: TAttributeInput | TAttribute) => ({
  nameEs: a.nameEs.trim(),
  nameEn: a.nameEn.trim(),
  descriptionEs: a.descriptionEs ?? null,
  descriptionEn: a.descriptionEn ?? null,
  group: a.group ?? 'process',
  dimension: a.dimension ?? null,
  servqualItems: [...(a.servqualItems ?? [])],
});

/** POST: a new key (201), the same key with the same content again (200 replay), else 409. */
export async function createAttribute(
  db: Sql,
  auth: AuthContext,
  input: TAttributeInput,
): Promise<{ attribute: TAttribute; replay: boolean }> {
  const c = attrContent(input);
  checkItems(c.dimension, c.servqualItems);
  return db.transaction(async (tx) => {
    const n = await repo.insertAttributes(tx, auth.orgId, [
      { key: input.key, ...c, source: 'manual' },
    ]);
    const a = (await repo.attributesByKeys(tx, auth.orgId, [input.key]))[0] as TAttribute;
    if (n === 0) {
      if (JSON.stringify(attrContent(a)) !== JSON.stringify(c))
        throw new AppError('ATTRIBUTE_KEY_TAKEN', { key: input.key });
      return { attribute: a, replay: true };
    }
    await audit(tx, actorOf(auth), {
      action: 'create',
      entity: 'service_attribute',
      entityId: a.id,
      changes: { key: a.key },
    });
    return { attribute: a, replay: false };
  });
}

export async function patchAttribute(
  db: Sql,
  auth: AuthContext,
  id: string,
  patch: TAttributePatch,
): Promise<TAttribute> {
  return db.transaction(async (tx) => {
    const cur = await getAttribute(tx, auth.orgId, id);
    const next = attrContent({ ...cur, ...patch } as TAttribute);
    checkItems(next.dimension, next.servqualItems);
    await repo.updateAttribute(tx, auth.orgId, id, next);
    await audit(tx, actorOf(auth), {
      action: 'update',
      entity: 'service_attribute',
      entityId: id,
      changes: patch as Record<string, unknown>,
    });
    return getAttribute(tx, auth.orgId, id);
  });
}

export async function deleteAttribute(db: Sql, auth: AuthContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await getAttribute(tx, auth.orgId, id);
    if (
      (await repo.attributeReferenced(tx, auth.orgId, id)) ||
      (await complaints.attributeCited(tx, auth.orgId, id))
    )
      throw new AppError('ATTRIBUTE_IN_USE');
    await repo.deleteAttribute(tx, auth.orgId, id);
    await audit(tx, actorOf(auth), { action: 'delete', entity: 'service_attribute', entityId: id });
  });
}

/** A complaint's free-text service_attribute as a catalogue key ("Tiempo de espera" → tiempo_de_espera). */
export function attributeKeyOf(value: string): string | null {
  const k = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[0-9_]+/, '')
    .slice(0, 63)
    .replace(/_+$/, '');
  return k === '' ? null : k;
}

type TKanoUse = TAttributeUsage['kanoQuestions'][number];

/** Kano questions of the org's surveys, by their attribute key. */
async function kanoUses(db: Sql, orgId: string): Promise<Map<string, TKanoUse[]>> {
  // the surveys service reads by the caller's org only; no role rule applies to these reads
  const auth = { orgId } as AuthContext;
  const kano = new Map<string, TKanoUse[]>();
  for (const s of (await surveys.listSurveys(db, auth)).items) {
    const def = (await surveys.getSurvey(db, auth, s.id)).definition as {
      pages?: { questions?: { type: string; key: string; attribute?: string }[] }[];
    };
    for (const p of def.pages ?? [])
      for (const q of p.questions ?? []) {
        if (q.type !== 'kano' || !q.attribute) continue;
        const list = kano.get(q.attribute) ?? [];
        list.push({ surveyId: s.id, surveyName: s.name, questionKey: q.key });
        kano.set(q.attribute, list);
      }
  }
  return kano;
}

/** Complaint cases per catalogue attribute id (cases store the id, migration 380). */
async function complaintCounts(db: Sql, orgId: string): Promise<Map<string, number>> {
  return new Map(
    (await complaints.serviceAttributeCounts(db, orgId)).map((c) => [c.attributeId, c.cases]),
  );
}

/**
 * Where each attribute is used: standards (current versions), Kano questions of the org's
 * surveys (attribute key = catalogue key), and complaint cases whose service_attribute names
 * the key.
 */
export async function attributeUsage(db: Sql, auth: AuthContext): Promise<TAttributeUsage[]> {
  const attrs = await repo.listAttributes(db, auth.orgId);
  const standards = await repo.listStandards(db, auth.orgId);
  const kano = await kanoUses(db, auth.orgId);
  const cases = await complaintCounts(db, auth.orgId);
  return attrs.map((a) => ({
    attributeId: a.id,
    key: a.key,
    standards: standards
      .filter((s) => s.attributeId === a.id)
      .map(({ id, code, nameEs, nameEn, active }) => ({ id, code, nameEs, nameEn, active })),
    kanoQuestions: kano.get(a.key) ?? [],
    complaints: cases.get(a.id) ?? 0,
  }));
}

/**
 * Adds to the catalogue every attribute named by a complaint case or a Kano question that is
 * not there yet (idempotent: a second run adds nothing). Answers how many were added.
 */
export async function syncAttributes(
  db: Sql,
  orgId: string,
): Promise<{ added: number; keys: string[] }> {
  const want = new Map<string, TEnsureAttribute>();
  // complaint texts not linked to the catalogue yet (cases from before migration 380, or
  // stored without the catalogue): new keys are added, then the cases are linked by id
  for (const c of await complaints.unlinkedServiceAttributes(db, orgId)) {
    const key = attributeKeyOf(c.attribute);
    if (key && !want.has(key))
      want.set(key, {
        key,
        nameEs: c.attribute.trim(),
        nameEn: c.attribute.trim(),
        source: 'complaints',
      });
  }
  for (const key of (await kanoUses(db, orgId)).keys())
    if (/^[a-z][a-z0-9_]{0,62}$/.test(key) && !want.has(key))
      want.set(key, { key, source: 'kano' });
  const before = new Set((await repo.listAttributes(db, orgId)).map((a) => a.key));
  const fresh = [...want.values()].filter((x) => !before.has(x.key));
  await ensureAttributes(db, orgId, fresh);
  await complaints.linkServiceAttributes(db, orgId);
  return { added: fresh.length, keys: fresh.map((x) => x.key).sort() };
}
