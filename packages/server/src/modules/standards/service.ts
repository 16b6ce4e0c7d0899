// The standards module's one public surface (issue 15 service standards, issue 16 attribute
// catalogue). Other modules call these; they read the tables only through the pub_* views
// (migration 615). API doc: docs/standards.md.
//
//  - listAttributes / getAttributeByKey / ensureAttributes: the shared service attribute
//    catalogue (Kano keys, complaint service_attribute values, need tags, standards).
//  - listStandards / getStandard: standards at their current version; every edit writes a new
//    version (editStandard), old versions stay readable (listVersions / getVersion).
//  - loadCatalogue: a starter catalogue (bank branch, shop, call centre, technical service).
//  - coverage: gap 2's evidence (rule in coverage.ts).
import type {
  TAttribute,
  TAttributeGroup,
  TAttributeInput,
  TAttributePatch,
  TAttributeUsage,
  TCoverage,
  TCoverageQuery,
  TMomentInput,
  TServqualDimension,
  TStandard,
  TStandardCreate,
  TStandardEdit,
  TStandardVersion,
  TStarterCatalogue,
} from '@fidelia/contracts';
import { SERVQUAL_DIMENSION_LABELS, SERVQUAL_ITEMS as SERVQUAL_WORDING } from '@fidelia/contracts';
import { SERVQUAL_ITEMS } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import * as analytics from '../analytics/service';
import { type Actor, audit, registerAuditLabels } from '../audit/service';
import { unitChain, unitExists } from '../orgs/service';
import * as surveys from '../surveys/service';
import { STARTER_ATTRIBUTES, STARTER_CATALOGUES, STARTER_MOMENTS } from './catalogues';
import { coverageOf } from './coverage';
import * as repo from './repo';

export { coverageOf } from './coverage';

registerErrors({
  STANDARD_NOT_FOUND: {
    status: 404,
    es: 'El estándar no existe.',
    en: 'Unknown standard.',
  },
  STANDARD_VERSION_NOT_FOUND: {
    status: 404,
    es: 'Esa versión del estándar no existe.',
    en: 'Unknown version of the standard.',
  },
  STANDARD_ID_REUSED: {
    status: 409,
    es: 'Ese identificador ya se usó para otro estándar.',
    en: 'That id was already used for another standard.',
  },
  STANDARD_CODE_TAKEN: {
    status: 409,
    es: 'Ya hay un estándar con ese código.',
    en: 'A standard with that code already exists.',
  },
  STANDARD_VERSION_CONFLICT: {
    status: 409,
    es: 'Alguien guardó otra versión mientras editaba. Recargue y repita el cambio.',
    en: 'Someone saved another version while you were editing. Reload and redo the change.',
  },
  STANDARD_MOMENT_UNKNOWN: {
    status: 400,
    es: 'El momento del servicio no existe.',
    en: 'Unknown moment of service.',
  },
  STANDARD_ATTRIBUTE_UNKNOWN: {
    status: 400,
    es: 'El atributo de servicio no existe.',
    en: 'Unknown service attribute.',
  },
  STANDARD_UNIT_UNKNOWN: {
    status: 400,
    es: 'Una de las unidades no existe.',
    en: 'One of the org units does not exist.',
  },
  STANDARD_SURVEY_UNKNOWN: {
    status: 400,
    es: 'La encuesta de la investigación no existe.',
    en: 'Unknown research survey.',
  },
  STANDARD_ITEMS_DIMENSION: {
    status: 400,
    es: 'Los ítems SERVQUAL no pertenecen a la dimensión elegida.',
    en: 'The SERVQUAL items do not belong to the chosen dimension.',
  },
  STANDARD_CATALOGUE_UNKNOWN: {
    status: 404,
    es: 'Ese catálogo inicial no existe.',
    en: 'Unknown starter catalogue.',
  },
  ATTRIBUTE_NOT_FOUND: {
    status: 404,
    es: 'El atributo de servicio no existe.',
    en: 'Unknown service attribute.',
  },
  ATTRIBUTE_KEY_TAKEN: {
    status: 409,
    es: 'Ya hay un atributo con esa clave y otro contenido.',
    en: 'An attribute with that key and other content already exists.',
  },
  ATTRIBUTE_IN_USE: {
    status: 409,
    es: 'El atributo lo usan estándares (también versiones anteriores); no se puede borrar.',
    en: 'Standards (or earlier versions of them) use this attribute; it cannot be deleted.',
  },
  MOMENT_KEY_TAKEN: {
    status: 409,
    es: 'Ya hay un momento del servicio con esa clave.',
    en: 'A moment of service with that key already exists.',
  },
});

registerAuditLabels('service_standard', async (db, orgId, ids) => {
  const out = new Map<string, string>();
  for (const id of ids) {
    const s = await repo.getStandard(db, orgId, id);
    if (s) out.set(id, `${s.code} ${s.nameEs}`);
  }
  return out;
});

const actorOf = (auth: { orgId: string; userId: string | null; email?: string | null }): Actor => ({
  orgId: auth.orgId,
  userId: auth.userId,
  email: auth.email ?? null,
});

// ------------------------------------------------------------------------- attributes

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

function checkItems(dimension: TServqualDimension | null | undefined, items: number[]) {
  if (!dimension) return;
  const allowed = SERVQUAL_ITEMS[dimension];
  if (items.some((k) => !allowed.includes(k)))
    throw new AppError('STANDARD_ITEMS_DIMENSION', { dimension, items });
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
    if (await repo.attributeReferenced(tx, auth.orgId, id)) throw new AppError('ATTRIBUTE_IN_USE');
    await repo.deleteAttribute(tx, auth.orgId, id);
    await audit(tx, actorOf(auth), { action: 'delete', entity: 'service_attribute', entityId: id });
  });
}

/**
 * Where each attribute is used: standards (current versions), Kano questions of the org's
 * surveys (attribute key = catalogue key), and complaint cases (not available yet: the
 * complaints service has no count by service_attribute; null until it does).
 */
export async function attributeUsage(db: Sql, auth: AuthContext): Promise<TAttributeUsage[]> {
  const attrs = await repo.listAttributes(db, auth.orgId);
  const standards = await repo.listStandards(db, auth.orgId);
  const kano = new Map<string, TAttributeUsage['kanoQuestions']>();
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
  return attrs.map((a) => ({
    attributeId: a.id,
    key: a.key,
    standards: standards
      .filter((s) => s.attributeId === a.id)
      .map(({ id, code, nameEs, nameEn, active }) => ({ id, code, nameEs, nameEn, active })),
    kanoQuestions: kano.get(a.key) ?? [],
    complaints: null,
  }));
}

// ---------------------------------------------------------------------------- moments

export const listMoments = (db: Sql, orgId: string) => repo.listMoments(db, orgId);

export async function createMoment(db: Sql, auth: AuthContext, m: TMomentInput) {
  const n = await repo.insertMoments(db, auth.orgId, [
    { key: m.key, nameEs: m.nameEs, nameEn: m.nameEn, sort: m.sort ?? 0 },
  ]);
  if (n === 0) throw new AppError('MOMENT_KEY_TAKEN', { key: m.key });
  return (await repo.listMoments(db, auth.orgId)).find((x) => x.key === m.key);
}

// -------------------------------------------------------------------------- standards

export interface TListStandards {
  /** standards that apply to this unit (set on it or on one of its ancestors, or everywhere) */
  unitId?: string;
  activeOnly?: boolean;
  momentId?: string;
  attributeId?: string;
  dimension?: TServqualDimension;
  q?: string;
}

export async function listStandards(
  db: Sql,
  orgId: string,
  f: TListStandards = {},
): Promise<TStandard[]> {
  const unitIds = f.unitId ? (await unitChain(db, orgId, f.unitId)).map((u) => u.id) : null;
  if (f.unitId && unitIds?.length === 0) return [];
  return repo.listStandards(db, orgId, {
    unitIds,
    momentId: f.momentId ?? null,
    attributeId: f.attributeId ?? null,
    dimension: f.dimension ?? null,
    activeOnly: f.activeOnly ?? false,
    q: f.q ?? null,
  });
}

/** The standard at its current version, or null. */
export const getStandard = (db: Sql, orgId: string, id: string): Promise<TStandard | null> =>
  repo.getStandard(db, orgId, id);

/** The standard at its current version; 404 when unknown. */
export async function requireStandard(db: Sql, orgId: string, id: string): Promise<TStandard> {
  const s = await repo.getStandard(db, orgId, id);
  if (!s) throw new AppError('STANDARD_NOT_FOUND');
  return s;
}

type TContent = repo.TVersionWrite;

/** The versioned content, normalised (so a replay compares equal to what was stored). */
function contentOf(
  v: Partial<TStandardVersion> & Pick<TStandardVersion, 'nameEs' | 'nameEn' | 'measureKind'>,
): TContent {
  const items = [...(v.servqualItems ?? [])].sort((a, b) => a - b);
  const yesno = v.measureKind === 'yesno';
  let dimension = v.dimension ?? null;
  if (!dimension && items.length > 0) {
    // one dimension for all the items: take it
    const ds = new Set(
      items.map((k) => Object.entries(SERVQUAL_ITEMS).find(([, xs]) => xs.includes(k))?.[0]),
    );
    if (ds.size === 1) dimension = [...ds][0] as TServqualDimension;
  }
  const opt = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    nameEs: v.nameEs.trim(),
    nameEn: v.nameEn.trim(),
    descriptionEs: opt(v.descriptionEs),
    descriptionEn: opt(v.descriptionEn),
    attributeId: v.attributeId ?? null,
    dimension,
    servqualItems: items,
    measureKind: v.measureKind,
    targetMin: yesno ? null : (v.targetMin ?? null),
    targetMax: yesno ? null : (v.targetMax ?? null),
    uomEs: yesno ? null : opt(v.uomEs),
    uomEn: yesno ? null : opt(v.uomEn),
    ownerRole: opt(v.ownerRole),
    promisedLevel: v.promisedLevel ?? null,
    unitIds: [...new Set(v.unitIds ?? [])].sort(),
    researchUrl: opt(v.researchUrl),
    researchNote: opt(v.researchNote),
    researchSurveyId: v.researchSurveyId ?? null,
    changeNote: opt(v.changeNote),
  };
}

const same = (a: TContent, b: TContent) =>
  JSON.stringify({ ...a, changeNote: null }) === JSON.stringify({ ...b, changeNote: null });

async function checkContent(db: Sql, orgId: string, c: TContent, momentId: string) {
  checkItems(c.dimension, c.servqualItems);
  if (!(await repo.momentExists(db, orgId, momentId)))
    throw new AppError('STANDARD_MOMENT_UNKNOWN');
  if (c.attributeId && !(await repo.attributeById(db, orgId, c.attributeId)))
    throw new AppError('STANDARD_ATTRIBUTE_UNKNOWN');
  for (const u of c.unitIds)
    if (!(await unitExists(db, orgId, u))) throw new AppError('STANDARD_UNIT_UNKNOWN');
  if (c.researchSurveyId) {
    const names = await surveys.surveyNames(db, orgId, [c.researchSurveyId]);
    if (!names.has(c.researchSurveyId)) throw new AppError('STANDARD_SURVEY_UNKNOWN');
  }
}

/** POST with a client-made id: 201 new, 200 replay (same content), 409 id reused / code taken. */
export async function createStandard(
  db: Sql,
  auth: AuthContext,
  body: TStandardCreate & { catalogue?: string | null },
): Promise<{ standard: TStandard; replay: boolean }> {
  const c = contentOf({ ...body, changeNote: null });
  const code = body.code.trim();
  const active = body.active ?? true;
  return db.transaction(async (tx) => {
    const existing = await repo.getStandard(tx, auth.orgId, body.id);
    if (existing) {
      const v1 = (await repo.listVersions(tx, auth.orgId, body.id)).find((v) => v.version === 1);
      const match =
        existing.code === code &&
        existing.momentId === body.momentId &&
        v1 &&
        same(contentOf(v1), c);
      if (!match) throw new AppError('STANDARD_ID_REUSED');
      return { standard: existing, replay: true };
    }
    await checkContent(tx, auth.orgId, c, body.momentId);
    if ((await repo.standardCodes(tx, auth.orgId)).has(code))
      throw new AppError('STANDARD_CODE_TAKEN', { code });
    const ok = await repo.insertStandard(
      tx,
      auth.orgId,
      { id: body.id, code, momentId: body.momentId, active, catalogue: body.catalogue ?? null },
      auth.userId,
    );
    // the id exists in another org (uuid collision is not a thing; a probe is): same answer
    if (!ok) throw new AppError('STANDARD_ID_REUSED');
    await repo.insertVersion(tx, auth.orgId, body.id, 1, c, auth.userId);
    await audit(tx, actorOf(auth), {
      action: 'create',
      entity: 'service_standard',
      entityId: body.id,
      changes: { code },
    });
    return { standard: await requireStandard(tx, auth.orgId, body.id), replay: false };
  });
}

/**
 * An edit writes version baseVersion + 1; old versions stay as they were. The same content as
 * the current version writes nothing (a retried save answers the stored version); an edit
 * started from an older version than the current one answers 409.
 */
export async function editStandard(
  db: Sql,
  auth: AuthContext,
  id: string,
  body: TStandardEdit,
): Promise<{ standard: TStandard; changed: boolean }> {
  return db.transaction(async (tx) => {
    const cur = await requireStandard(tx, auth.orgId, id);
    const c = contentOf(body);
    const momentId = body.momentId ?? cur.momentId;
    const active = body.active ?? cur.active;
    const unchanged = same(contentOf(cur), c) && momentId === cur.momentId && active === cur.active;
    if (unchanged) return { standard: cur, changed: false };
    if (body.baseVersion !== cur.currentVersion)
      throw new AppError('STANDARD_VERSION_CONFLICT', {
        baseVersion: body.baseVersion,
        currentVersion: cur.currentVersion,
      });
    await checkContent(tx, auth.orgId, c, momentId);
    if (!(await repo.bumpVersion(tx, auth.orgId, id, body.baseVersion, { momentId, active })))
      throw new AppError('STANDARD_VERSION_CONFLICT');
    await repo.insertVersion(tx, auth.orgId, id, body.baseVersion + 1, c, auth.userId);
    await audit(tx, actorOf(auth), {
      action: 'update',
      entity: 'service_standard',
      entityId: id,
      changes: { version: body.baseVersion + 1 },
    });
    return { standard: await requireStandard(tx, auth.orgId, id), changed: true };
  });
}

export async function listVersions(db: Sql, orgId: string, id: string) {
  await requireStandard(db, orgId, id);
  return repo.listVersions(db, orgId, id);
}

export async function getVersion(
  db: Sql,
  orgId: string,
  id: string,
  n: number,
): Promise<TStandardVersion> {
  const v = (await listVersions(db, orgId, id)).find((x) => x.version === n);
  if (!v) throw new AppError('STANDARD_VERSION_NOT_FOUND');
  return v;
}

// ------------------------------------------------------------------ starter catalogues

export function catalogues() {
  return {
    items: Object.entries(STARTER_CATALOGUES).map(([key, c]) => ({
      key,
      nameEs: c.es,
      nameEn: c.en,
      standards: c.standards.length,
    })),
  };
}

/**
 * Loads a starter catalogue: the starter attributes and moments (keys already there are kept),
 * then every standard whose code is new (an existing code is never overwritten, so a company's
 * edits survive a second load). `language` picks the owner-role wording.
 */
export async function loadCatalogue(
  db: Sql,
  actor: Actor,
  key: string,
  language: 'es' | 'en' = 'es',
): Promise<{ created: number; skipped: number }> {
  const cat = STARTER_CATALOGUES[key as TStarterCatalogue];
  if (!cat || !Object.hasOwn(STARTER_CATALOGUES, key))
    throw new AppError('STANDARD_CATALOGUE_UNKNOWN');
  return db.transaction(async (tx) => {
    await ensureStarterAttributes(tx, actor.orgId);
    await repo.insertMoments(
      tx,
      actor.orgId,
      STARTER_MOMENTS.map((m, i) => ({
        key: m.key,
        nameEs: m.es,
        nameEn: m.en,
        sort: (i + 1) * 10,
      })),
    );
    const moments = await repo.momentIds(tx, actor.orgId);
    const attrs = new Map(
      (await repo.listAttributes(tx, actor.orgId)).map((a) => [a.key, a.id] as const),
    );
    const codes = await repo.standardCodes(tx, actor.orgId);
    let created = 0;
    for (const s of cat.standards) {
      if (codes.has(s.code)) continue;
      const id = crypto.randomUUID();
      const momentId = moments.get(s.moment) as string;
      await repo.insertStandard(
        tx,
        actor.orgId,
        { id, code: s.code, momentId, active: true, catalogue: key },
        actor.userId,
      );
      await repo.insertVersion(
        tx,
        actor.orgId,
        id,
        1,
        contentOf({
          nameEs: s.es,
          nameEn: s.en,
          attributeId: attrs.get(s.attribute) ?? null,
          servqualItems: s.items,
          measureKind: s.kind,
          targetMin: s.min,
          targetMax: s.max,
          uomEs: s.uom?.[0] ?? null,
          uomEn: s.uom?.[1] ?? null,
          ownerRole: language === 'es' ? s.owner[0] : s.owner[1],
          promisedLevel: s.level,
          unitIds: [],
        }),
        actor.userId,
      );
      created++;
    }
    await audit(tx, actor, {
      action: 'load_catalogue',
      entity: 'service_standard',
      changes: { catalogue: key, created },
    });
    return { created, skipped: cat.standards.length - created };
  });
}

// ------------------------------------------------------------------------------ coverage

/** The 22 SERVQUAL items with their perception wording (es/en), for pickers and reports. */
export function servqualItems() {
  return {
    items: SERVQUAL_WORDING.map((i) => ({
      n: i.n,
      dimension: i.dimension,
      es: i.P.es,
      en: i.P.en,
      expectationEs: i.E.es,
      expectationEn: i.E.en,
    })),
    dimensions: SERVQUAL_DIMENSION_LABELS,
  };
}

/** The survey coverage reads: the given one, else the newest with SERVQUAL answers. */
async function coverageSurvey(
  db: Sql,
  auth: AuthContext,
  q: TCoverageQuery,
): Promise<{ id: string; name: string } | null> {
  const list = (await surveys.listSurveys(db, auth)).items;
  if (q.surveyId) {
    const s = list.find((x) => x.id === q.surveyId);
    if (!s) throw new AppError('NOT_FOUND');
    return { id: s.id, name: s.name };
  }
  const candidates = list
    .filter((s) => s.responses.complete > 0)
    .sort((a, b) => Number(b.template === 'servqual') - Number(a.template === 'servqual'));
  for (const s of candidates.slice(0, 10)) {
    const r = await analytics.servqualReport(db, auth, s.id, {});
    if (r.n > 0) return { id: s.id, name: s.name };
  }
  return null;
}

/**
 * Gap 2's evidence: important SERVQUAL items (customers' expectations from the analytics
 * SERVQUAL report, with the dimensions' importance weights) without a standard or with weak
 * ones only, and standards promising less than customers expect. Standards counted are those
 * that apply to the unit when one is given.
 */
export async function coverage(
  db: Sql,
  auth: AuthContext,
  q: TCoverageQuery = {},
): Promise<TCoverage> {
  const survey = await coverageSurvey(db, auth, q);
  const filter = { from: q.from, to: q.to, unitId: q.unitId };
  const sq = survey
    ? await analytics.servqualReport(db, auth, survey.id, filter)
    : { n: 0, items: [], dimensions: [] };
  const standards = await listStandards(db, auth.orgId, {
    ...(q.unitId ? { unitId: q.unitId } : {}),
    activeOnly: true,
  });
  return { survey, ...coverageOf(sq, standards, Number(q.minExpectation ?? 6)) };
}
