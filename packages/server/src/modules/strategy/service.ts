// The strategy workspace (issue 16; docs/strategy.md): Albrecht's service triangle, the customer
// value model per segment, the needs -> service attributes matrix (QFD-like) and the
// customer-orientation questions. The module's one public surface.
//
// Reads: the attribute catalogue and standards (standards/service), Kano and surveys
// (analytics/service kanoReport, surveys/service analyticsData), panel insights
// (panels/service insightSummary) and the customers' saved segments (customers/service) — all
// through catalogue.ts or the services, never their tables.
import {
  ORIENTATION_QUESTIONS,
  type TAttributeType,
  type TBenefitKind,
  type TEvidenceLink,
  type TMatrix,
  type TNeed,
  type TOrientationAnswer,
  TRIANGLE_RELATIONS,
  type TTriangleEdge,
  type TTriangleRelation,
  type TValueModel,
  type TValueModelCreate,
  type TValueModelPut,
  VALUE_MIN_ANSWERS,
  ZNeedCreateSchema,
  type ZNeedPatchSchema,
  type ZOrientationPutSchema,
  ZTriangleUpdateSchema,
  ZValueModelCreateSchema,
  ZValueModelPutSchema,
} from '@fidelia/contracts';
import { mean, meanInterval } from '@fidelia/stats';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { kanoReport } from '../analytics/service';
import { audit, registerAuditLabels } from '../audit/service';
import { segments as customerSegments } from '../customers/service';
import { listUnits, unitExists, unitScope } from '../orgs/service';
import { analyticsData, getSurvey, listSurveys } from '../surveys/service';
import * as cat from './catalogue';
import { attributeImportance, competitorFigures, suggestType, valueFigures } from './model';
import * as repo from './repo';

registerErrors({
  STRATEGY_ID_TAKEN: {
    status: 409,
    es: 'Ese identificador ya se usó con otros datos.',
    en: 'That id was already used with other content.',
  },
  STRATEGY_SEGMENT_TAKEN: {
    status: 409,
    es: 'Ya hay un modelo de valor para ese segmento.',
    en: 'There is already a value model for that segment.',
  },
  STRATEGY_ATTRIBUTE_UNKNOWN: {
    status: 404,
    es: 'Ese atributo no está en el catálogo de atributos del servicio.',
    en: 'That attribute is not in the service attribute catalogue.',
  },
  STRATEGY_SURVEY_UNKNOWN: {
    status: 404,
    es: 'No se encuentra la encuesta indicada.',
    en: 'The survey given was not found.',
  },
  STRATEGY_UNIT_UNKNOWN: {
    status: 404,
    es: 'No se encuentra esa unidad de la organización.',
    en: 'That org unit was not found.',
  },
  STRATEGY_UNIT_OUTSIDE_SCOPE: {
    status: 403,
    es: 'Esa unidad queda fuera de tu ámbito (el triángulo de toda la organización solo lo editan usuarios sin unidad).',
    en: 'That unit is outside your scope (the whole organisation’s triangle is edited only by users with no unit).',
  },
  STRATEGY_BENEFIT_UNKNOWN: {
    status: 400,
    es: 'Un competidor valora un beneficio que no está en el modelo.',
    en: 'A competitor values a benefit that is not in the model.',
  },
});

registerAuditLabels('strategy_need', async (db, orgId, ids) => {
  const all = await repo.listNeeds(db, orgId, null);
  return new Map(all.filter((n) => ids.includes(n.id)).map((n) => [n.id, n.text]));
});

// ------------------------------------------------------------------------------ triangle

/**
 * A unit's triangle may be read and written by users whose unit subtree holds it (users with
 * no unit: every unit); the whole organisation's (unitId null) is read by everyone and written
 * only by users with no unit limit.
 */
async function checkTriangleUnit(
  db: Sql,
  auth: AuthContext,
  unitId: string | null,
  mode: 'read' | 'write',
): Promise<void> {
  const scope = await unitScope(db, auth);
  if (unitId === null) {
    if (mode === 'write' && scope !== null) throw new AppError('STRATEGY_UNIT_OUTSIDE_SCOPE');
    return;
  }
  if (!(await unitExists(db, auth.orgId, unitId))) throw new AppError('STRATEGY_UNIT_UNKNOWN');
  if (scope !== null && !scope.includes(unitId)) throw new AppError('STRATEGY_UNIT_OUTSIDE_SCOPE');
}

/** The six relationships of a unit's triangle (null = the whole organisation), fixed order. */
export async function getTriangle(
  db: Sql,
  auth: AuthContext,
  unitId: string | null = null,
): Promise<TTriangleEdge[]> {
  await checkTriangleUnit(db, auth, unitId, 'read');
  const rows = new Map(
    (await repo.listTriangle(db, auth.orgId, unitId)).map((r) => [r.relation, r]),
  );
  return TRIANGLE_RELATIONS.map((relation) => edgeOf(relation, rows.get(relation)));
}

/**
 * The units the caller may pick (their subtree; every unit when they have no unit limit), each
 * with how many of its six relationships are assessed and their mean score.
 */
export async function triangleUnits(db: Sql, auth: AuthContext) {
  const [scope, units, done] = await Promise.all([
    unitScope(db, auth),
    listUnits(db, auth.orgId),
    repo.triangleUnits(db, auth.orgId),
  ]);
  const by = new Map(done.map((x) => [x.unit_id, x]));
  return {
    orgWide: { writable: scope === null },
    items: units
      .filter((u) => scope === null || scope.includes(u.id))
      .map((u) => ({
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        parentId: u.parentId,
        assessed: by.get(u.id)?.assessed ?? 0,
        meanScore: by.get(u.id)?.mean ?? null,
      })),
  };
}

/**
 * For the diagnostic of a unit: that unit's triangle (how many relationships are assessed, mean
 * score) and the link to it; when the unit has none assessed, the whole organisation's.
 */
export async function triangleSummary(db: Sql, orgId: string, unitId: string | null) {
  const summary = async (u: string | null) => {
    const rows = await repo.listTriangle(db, orgId, u);
    const scores = rows.map((r) => r.score).filter((x): x is number => x !== null);
    return { assessed: scores.length, meanScore: mean(scores) };
  };
  const own = unitId ? await summary(unitId) : null;
  const org = own && own.assessed > 0 ? null : await summary(null);
  const link = `/strategy/triangle${unitId ? `?unitId=${unitId}` : ''}`;
  return {
    unitId,
    assessed: own?.assessed ?? 0,
    meanScore: own?.meanScore ?? null,
    orgWide: org,
    link,
  };
}

function edgeOf(relation: TTriangleRelation, r: repo.TTriangleRow | undefined): TTriangleEdge {
  return {
    relation,
    score: r?.score ?? null,
    assessment: r?.assessment ?? '',
    evidence: (r?.evidence as TEvidenceLink[] | undefined) ?? [],
    actions: (r?.actions as TTriangleEdge['actions'] | undefined) ?? [],
    updatedAt: r ? iso(r.updated_at) : null,
  };
}

export async function putTriangle(
  db: Sql,
  auth: AuthContext,
  relation: TTriangleRelation,
  input: z.input<typeof ZTriangleUpdateSchema>,
  unitId: string | null = null,
): Promise<TTriangleEdge> {
  const v = ZTriangleUpdateSchema.parse(input);
  await checkTriangleUnit(db, auth, unitId, 'write');
  return db.transaction(async (tx) => {
    const row = await repo.upsertTriangle(tx, auth.orgId, auth.userId, unitId, relation, v);
    await audit(tx, auth, {
      action: 'strategy.triangle.updated',
      entity: 'strategy_triangle',
      entityId: null,
      changes: { relation, score: v.score, unitId },
    });
    return edgeOf(relation, row);
  });
}

// --------------------------------------------------------------------------- value model

type TRatingsOut = {
  ratings: Partial<Record<TBenefitKind, { n: number; mean: number | null }>>;
  points: number;
  valueForMoney: TValueModel['valueForMoney'];
  title: string | null;
};

/** The perceived-value survey's `value` answers in the caller's unit scope. */
async function surveyRatings(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  useClasses: readonly string[],
): Promise<TRatingsOut | null> {
  let def: Awaited<ReturnType<typeof getSurvey>>;
  try {
    def = await getSurvey(db, auth, surveyId);
  } catch {
    return null; // deleted since: the model keeps its own figures
  }
  const q = def.definition.pages
    .flatMap((p) => p.questions)
    .find((x): x is Extract<typeof x, { type: 'value' }> => x.type === 'value');
  const points = q?.points ?? 7;
  const scope = await unitScope(db, auth);
  const data = await analyticsData(db, auth.orgId, {
    surveyId,
    since: null,
    until: null,
    unitIds: scope,
    channel: null,
    prefixes: ['value:'],
  });
  // Only the segment's respondents: responses linked to a customer (at submission or by the
  // confirmed e-mail match) whose class by use is one of the model's (pub_customers).
  const customerOf = new Map(data.responses.map((r) => [r.id, r.customerId]));
  const inSegment = await repo.customersInClasses(
    db,
    auth.orgId,
    [...new Set(data.responses.map((r) => r.customerId).filter((x): x is string => !!x))],
    useClasses,
  );
  const surveyN = new Set(
    data.answers.filter((a) => a.tag === 'value:price' && a.num !== null).map((a) => a.responseId),
  ).size;
  const by = new Map<string, number[]>();
  for (const a of data.answers) {
    if (a.num === null || !a.tag) continue;
    const c = customerOf.get(a.responseId);
    if (!c || !inSegment.has(c)) continue;
    const list = by.get(a.tag) ?? [];
    list.push(a.num);
    by.set(a.tag, list);
  }
  const ratings: TRatingsOut['ratings'] = {};
  for (const kind of ['functional', 'emotional', 'economic'] as const) {
    // the template's benefit keys are the three kinds; a benefit tagged by kind counts too
    const xs = [...(by.get(`value:benefit:${kind}`) ?? [])];
    ratings[kind] = { n: xs.length, mean: mean(xs) };
  }
  const price = by.get('value:price') ?? [];
  const wtp = by.get('value:wtp') ?? [];
  const enough = price.length >= VALUE_MIN_ANSWERS;
  const ci = enough ? meanInterval(price) : null;
  return {
    ratings,
    points,
    title: def.name,
    valueForMoney: {
      n: price.length,
      mean: enough ? mean(price) : null,
      ci95: ci ? ci.ci : null,
      points,
      wtp: { n: wtp.length, mean: wtp.length >= VALUE_MIN_ANSWERS ? mean(wtp) : null },
      scope: useClasses.length > 0 ? 'segment' : 'undefined',
      surveyN,
      enough,
      minN: VALUE_MIN_ANSWERS,
    },
  };
}

async function shapeModel(db: Sql, auth: AuthContext, r: repo.TValueModelRow) {
  const benefits = (r.benefits ?? []) as TValueModel['benefits'];
  const competitors = (r.competitors ?? []) as TValueModel['competitors'];
  const price = Number(r.price_paid);
  const useClasses = (r.use_classes ?? []) as TValueModel['useClasses'];
  const s = r.survey_id ? await surveyRatings(db, auth, r.survey_id, useClasses) : null;
  const f = valueFigures(price, benefits, s?.ratings ?? {}, s?.points ?? 7);
  const ids = benefits.map((b) => b.id);
  const model: TValueModel = {
    id: r.id,
    segment: r.segment,
    currency: r.currency,
    pricePaid: price,
    surveyId: r.survey_id,
    surveyTitle: s?.title ?? null,
    notes: r.notes,
    useClasses,
    benefits: f.benefits,
    totalBenefits: f.totalBenefits,
    perceivedValue: f.perceivedValue,
    valueRatio: f.valueRatio,
    valueForMoney: s?.valueForMoney ?? null,
    competitors: competitors.map((c) => ({ ...c, ...competitorFigures(c.price, c.values, ids) })),
    updatedAt: iso(r.updated_at),
  };
  return model;
}

export async function listValueModels(db: Sql, auth: AuthContext): Promise<TValueModel[]> {
  const rows = await repo.listValueModels(db, auth.orgId);
  return Promise.all(rows.map((r) => shapeModel(db, auth, r)));
}

/** JSON with sorted keys: stored jsonb does not keep key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

async function checkValueModel(
  db: Sql,
  auth: AuthContext,
  v: z.infer<typeof ZValueModelPutSchema>,
) {
  const ids = new Set(v.benefits.map((b) => b.id));
  for (const c of v.competitors)
    for (const k of Object.keys(c.values))
      if (!ids.has(k)) throw new AppError('STRATEGY_BENEFIT_UNKNOWN', { competitor: c.name });
  if (v.surveyId) {
    const ok = (await listSurveys(db, auth)).items.some((x) => x.id === v.surveyId);
    if (!ok) throw new AppError('STRATEGY_SURVEY_UNKNOWN');
  }
}

/**
 * Creates a model with a client-made id (201); the same body again is a replay (200), the id
 * with other content or another org's id a 409.
 */
export async function createValueModel(
  db: Sql,
  auth: AuthContext,
  input: TValueModelCreate,
): Promise<{ replay: boolean; model: TValueModel }> {
  const { id, ...rest } = ZValueModelCreateSchema.parse(input);
  const v = rest;
  await checkValueModel(db, auth, v);
  return db.transaction(async (tx) => {
    if (await repo.segmentTaken(tx, auth.orgId, v.segment, id))
      throw new AppError('STRATEGY_SEGMENT_TAKEN');
    if (!(await repo.insertValueModel(tx, auth.orgId, auth.userId, id, v))) {
      const mine = await repo.getValueModel(tx, auth.orgId, id);
      const same =
        mine &&
        canonical({
          segment: mine.segment,
          currency: mine.currency,
          pricePaid: Number(mine.price_paid),
          surveyId: mine.survey_id,
          notes: mine.notes,
          benefits: mine.benefits,
          competitors: mine.competitors,
          useClasses: mine.use_classes ?? [],
        }) === canonical(v);
      if (!same) throw new AppError('STRATEGY_ID_TAKEN');
      return { replay: true, model: await shapeModel(tx, auth, mine) };
    }
    await audit(tx, auth, {
      action: 'strategy.value_model.created',
      entity: 'strategy_value_model',
      entityId: id,
      changes: { segment: v.segment, pricePaid: v.pricePaid },
    });
    const row = (await repo.getValueModel(tx, auth.orgId, id)) as repo.TValueModelRow;
    return { replay: false, model: await shapeModel(tx, auth, row) };
  });
}

/** Replaces a model of the org (404 when it is not one). */
export async function updateValueModel(
  db: Sql,
  auth: AuthContext,
  id: string,
  input: TValueModelPut,
): Promise<TValueModel> {
  const v = ZValueModelPutSchema.parse(input);
  await checkValueModel(db, auth, v);
  return db.transaction(async (tx) => {
    if (!(await repo.getValueModel(tx, auth.orgId, id))) throw new AppError('NOT_FOUND');
    if (await repo.segmentTaken(tx, auth.orgId, v.segment, id))
      throw new AppError('STRATEGY_SEGMENT_TAKEN');
    await repo.updateValueModel(tx, auth.orgId, auth.userId, id, v);
    await audit(tx, auth, {
      action: 'strategy.value_model.updated',
      entity: 'strategy_value_model',
      entityId: id,
      changes: { segment: v.segment, pricePaid: v.pricePaid },
    });
    const row = (await repo.getValueModel(tx, auth.orgId, id)) as repo.TValueModelRow;
    return shapeModel(tx, auth, row);
  });
}

export async function deleteValueModel(db: Sql, auth: AuthContext, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await repo.deleteValueModel(tx, auth.orgId, id))) throw new AppError('NOT_FOUND');
    await audit(tx, auth, {
      action: 'strategy.value_model.deleted',
      entity: 'strategy_value_model',
      entityId: id,
    });
  });
}

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

// ---------------------------------------------------------------------------- orientation

export async function orientation(
  db: Sql,
  auth: AuthContext,
  segment: string,
): Promise<TOrientationAnswer[]> {
  const rows = new Map(
    (await repo.listOrientation(db, auth.orgId, segment)).map((r) => [r.question, r]),
  );
  return ORIENTATION_QUESTIONS.map((question) => {
    const r = rows.get(question);
    return {
      question,
      answer: r?.answer ?? '',
      evidence: (r?.evidence as TEvidenceLink[] | undefined) ?? [],
      updatedAt: r?.updatedAt ?? null,
    };
  });
}

export async function putOrientation(
  db: Sql,
  auth: AuthContext,
  question: (typeof ORIENTATION_QUESTIONS)[number],
  v: z.infer<typeof ZOrientationPutSchema>,
): Promise<TOrientationAnswer> {
  return db.transaction(async (tx) => {
    await repo.putOrientation(
      tx,
      auth.orgId,
      auth.userId,
      v.segment,
      question,
      v.answer,
      v.evidence,
    );
    await audit(tx, auth, {
      action: 'strategy.orientation.updated',
      entity: 'strategy_orientation',
      entityId: null,
      changes: { segment: v.segment, question },
    });
    const all = await orientation(tx, auth, v.segment);
    return all.find((x) => x.question === question) as TOrientationAnswer;
  });
}

// ------------------------------------------------------------------------------ segments

/** Segment names: the ones the workspace already uses and the customers' saved segments. */
export async function segmentNames(db: Sql, auth: AuthContext) {
  const [used, saved] = await Promise.all([
    repo.segmentsInUse(db, auth.orgId),
    customerSegments.list(db, auth),
  ]);
  // the workspace's own segments first (most filled-in first), then the other saved ones
  const rest = saved.items
    .map((s) => s.name)
    .filter((n) => !used.includes(n))
    .sort((a, b) => a.localeCompare(b, 'es'));
  return {
    items: [...used, ...rest].map((name) => ({
      name,
      saved: saved.items.some((s) => s.name === name),
    })),
  };
}
