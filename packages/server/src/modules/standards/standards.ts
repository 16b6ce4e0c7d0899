// Moments of service and standards with their versions (issue 15).
import type {
  TMomentInput,
  TServqualDimension,
  TStandard,
  TStandardCreate,
  TStandardEdit,
  TStandardVersion,
} from '@fidelia/contracts';
import { SERVQUAL_ITEMS } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import { unitChain, unitExists } from '../orgs/service';
import * as surveys from '../surveys/service';
import * as repo from './repo';
import { actorOf, checkItems } from './rules';

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
export function contentOf(
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
