// The customer value model per segment (benefits, weights, competitors, survey ratings):
// its own concern of the strategy workspace, re-exported by service.ts.
import {
  type TBenefitKind,
  type TValueModel,
  type TValueModelCreate,
  type TValueModelPut,
  VALUE_MIN_ANSWERS,
  ZValueModelCreateSchema,
  ZValueModelPutSchema,
} from '@fidelia/contracts';
import { mean, meanInterval } from '@fidelia/stats';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import { unitScope } from '../orgs/service';
import { analyticsData, getSurvey, listSurveys } from '../surveys/service';
import { competitorFigures, valueFigures } from './model';
import * as repo from './repo';

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
