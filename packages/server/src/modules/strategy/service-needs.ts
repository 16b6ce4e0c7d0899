// Needs -> service attributes (QFD-like links, Kano types) and the matrix built from them:
// their own concern of the strategy workspace, re-exported by service.ts.
import {
  type TAttributeType,
  type TMatrix,
  type TNeed,
  ZNeedCreateSchema,
  type ZNeedPatchSchema,
} from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { kanoReport } from '../analytics/service';
import { audit } from '../audit/service';
import { listSurveys } from '../surveys/service';
import * as cat from './catalogue';
import { attributeImportance, suggestType } from './model';
import * as repo from './repo';

// ------------------------------------------------------------------- needs -> attributes

const needOf = (r: repo.TNeedRow): TNeed => ({
  id: r.id,
  segment: r.segment,
  customerGroup: r.customer_group,
  text: r.text,
  kind: r.kind,
  importance: Number(r.importance),
});

export async function listNeeds(db: Sql, auth: AuthContext, segment: string | null) {
  return (await repo.listNeeds(db, auth.orgId, segment)).map(needOf);
}

/** Client-made id: the same need again = replay (200), other content = 409. */
export async function createNeed(
  db: Sql,
  auth: AuthContext,
  input: z.input<typeof ZNeedCreateSchema>,
): Promise<{ replay: boolean; need: TNeed }> {
  const v = ZNeedCreateSchema.parse(input);
  return db.transaction(async (tx) => {
    const row = await repo.insertNeed(tx, auth.orgId, auth.userId, v);
    if (!row) {
      const mine = await repo.getNeed(tx, auth.orgId, v.id);
      const same =
        mine &&
        mine.segment === v.segment &&
        mine.customer_group === v.customerGroup &&
        mine.text === v.text &&
        mine.kind === v.kind &&
        Number(mine.importance) === v.importance;
      if (!same) throw new AppError('STRATEGY_ID_TAKEN');
      return { replay: true, need: needOf(mine) };
    }
    await audit(tx, auth, {
      action: 'strategy.need.created',
      entity: 'strategy_need',
      entityId: row.id,
      changes: { segment: v.segment, kind: v.kind },
    });
    return { replay: false, need: needOf(row) };
  });
}

export async function patchNeed(
  db: Sql,
  auth: AuthContext,
  id: string,
  p: z.infer<typeof ZNeedPatchSchema>,
): Promise<TNeed> {
  return db.transaction(async (tx) => {
    const row = await repo.updateNeed(tx, auth.orgId, id, p);
    if (!row) throw new AppError('NOT_FOUND');
    await audit(tx, auth, {
      action: 'strategy.need.updated',
      entity: 'strategy_need',
      entityId: id,
      changes: { ...p },
    });
    return needOf(row);
  });
}

export async function deleteNeed(db: Sql, auth: AuthContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await repo.deleteNeed(tx, auth.orgId, id))) throw new AppError('NOT_FOUND');
    await audit(tx, auth, {
      action: 'strategy.need.deleted',
      entity: 'strategy_need',
      entityId: id,
    });
  });
}

async function requireAttribute(db: Sql, orgId: string, attributeId: string) {
  const all = await cat.attributes(db, orgId);
  if (!all.some((a) => a.id === attributeId)) throw new AppError('STRATEGY_ATTRIBUTE_UNKNOWN');
}

/** Sets one matrix cell (9 / 3 / 1; 0 removes it). */
export async function setNeedLink(
  db: Sql,
  auth: AuthContext,
  needId: string,
  attributeId: string,
  strength: 0 | 1 | 3 | 9,
): Promise<{ needId: string; attributeId: string; strength: number }> {
  return db.transaction(async (tx) => {
    if (!(await repo.getNeed(tx, auth.orgId, needId))) throw new AppError('NOT_FOUND');
    await requireAttribute(tx, auth.orgId, attributeId);
    await repo.setLink(tx, auth.orgId, needId, attributeId, strength);
    await audit(tx, auth, {
      action: 'strategy.need.linked',
      entity: 'strategy_need',
      entityId: needId,
      changes: { attributeId, strength },
    });
    return { needId, attributeId, strength };
  });
}

/** The user's type for an attribute (null = back to the Kano suggestion). */
export async function setAttributeType(
  db: Sql,
  auth: AuthContext,
  attributeId: string,
  type: TAttributeType | null,
): Promise<{ attributeId: string; type: TAttributeType | null }> {
  return db.transaction(async (tx) => {
    await requireAttribute(tx, auth.orgId, attributeId);
    await repo.setTypeOverride(tx, auth.orgId, auth.userId, attributeId, type);
    await audit(tx, auth, {
      action: 'strategy.attribute_type.set',
      entity: 'strategy_attribute_type',
      entityId: attributeId,
      changes: { type },
    });
    return { attributeId, type };
  });
}

/** The latest Kano survey with answers (template 'kano'), or the one asked for. */
async function kanoSurvey(db: Sql, auth: AuthContext, id: string | undefined) {
  const all = (await listSurveys(db, auth)).items;
  if (id) {
    const s = all.find((x) => x.id === id);
    if (!s) throw new AppError('STRATEGY_SURVEY_UNKNOWN');
    return s;
  }
  return all.find((x) => x.template === 'kano' && x.responses.complete > 0) ?? null;
}

/** The house-of-quality matrix of a segment (all segments when none is given). */
export async function matrix(
  db: Sql,
  auth: AuthContext,
  q: { segment?: string | undefined; kanoSurveyId?: string | undefined },
): Promise<TMatrix> {
  const segment = q.segment ?? null;
  const [needs, cells, overrides, attrs, stds, survey] = await Promise.all([
    listNeeds(db, auth, segment),
    repo.listLinks(db, auth.orgId, segment),
    repo.listTypeOverrides(db, auth.orgId),
    cat.attributes(db, auth.orgId),
    cat.standards(db, auth.orgId),
    kanoSurvey(db, auth, q.kanoSurveyId),
  ]);
  const kano = new Map<string, { category: string | null; n: number; counts: object }>();
  if (survey) {
    const rep = await kanoReport(db, auth, survey.id, {});
    for (const a of rep.attributes)
      kano.set(a.attribute, { category: a.category, n: a.n, counts: a.counts });
  }
  const known = new Set(attrs.map((a) => a.id));
  const liveCells = cells.filter((c) => known.has(c.attributeId));
  const imp = attributeImportance(needs, liveCells);
  const ins = await cat.insights(db, auth.orgId, {
    needIds: needs.map((n) => n.id),
    attributeIds: attrs.map((a) => a.id),
  });
  const none = { count: 0, quotes: [] };
  return {
    segment,
    kanoSurvey: survey ? { id: survey.id, title: survey.name } : null,
    needs: needs.map((n) => ({ ...n, insights: ins.needs.get(n.id) ?? none })),
    attributes: attrs.map((a) => {
      const k = kano.get(a.key) ?? null;
      const suggestedType = k ? suggestType(k.category, k.counts as Record<string, number>) : null;
      const own = (overrides.get(a.id) as TAttributeType | undefined) ?? null;
      return {
        id: a.id,
        key: a.key,
        name: a.name,
        group: a.group,
        kano: k ? { category: k.category, n: k.n } : null,
        suggestedType,
        type: own ?? suggestedType,
        overridden: own !== null,
        standards: stds
          .filter((s) => s.attributeId === a.id)
          .map((s) => ({ id: s.id, code: s.code, name: s.name })),
        importance: imp.get(a.id)?.importance ?? 0,
        weight: imp.get(a.id)?.weight ?? 0,
        insights: ins.attributes.get(a.id) ?? none,
      };
    }),
    cells: liveCells,
  };
}
