// Perceived value (issue 11): GET /api/analytics/surveys/:id/value from the
// survey's `value:*` answers under the reports' filters (resolveFilter / rawData): each benefit's
// mean with its 95 % t interval, value for money (`value:price`) with its distribution,
// willingness to pay, the same by customer class by use (the value models' segments), and the
// org's value models that name the survey — their money values vs the price paid come from the
// strategy module's service (never its tables), their segment's value for money is counted here
// under the same filters. Below VALUE_MIN_ANSWERS answers a mean has no figure, as in the models.
import {
  BENEFIT_KINDS,
  type TAnalyticsFilter,
  type TBenefitKind,
  type TSurveyDefinition,
  type TValueReport,
  VALUE_MIN_ANSWERS,
  VALUE_USE_CLASSES,
} from '@fidelia/contracts';
import { meanInterval } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { listValueModels } from '../strategy/service';
import * as surveys from '../surveys/service';
import { sampledData } from './sample';
import { resolveFilter } from './service';
import { useClassesOf } from './service-filters';

type TStat = { n: number; mean: number | null; ci95: [number, number] | null };
type TUse = (typeof VALUE_USE_CLASSES)[number];

/** n, and the mean with its 95 % t interval from VALUE_MIN_ANSWERS answers on. */
export function valueStat(xs: readonly number[]): TStat {
  if (xs.length < VALUE_MIN_ANSWERS) return { n: xs.length, mean: null, ci95: null };
  const m = meanInterval(xs);
  return { n: xs.length, mean: m?.mean ?? null, ci95: m ? m.ci : null };
}

interface TBenefitDef {
  key: string;
  tag: string;
  kind: TBenefitKind | null;
}

function valueQuestions(def: TSurveyDefinition) {
  const qs = (def.pages ?? [])
    .flatMap((p) => p.questions ?? [])
    .filter((x): x is Extract<typeof x, { type: 'value' }> => x.type === 'value');
  const benefits: TBenefitDef[] = [];
  for (const q of qs)
    for (const b of q.benefits) {
      const tag = b.tag ?? `value:benefit:${b.key}`;
      if (benefits.some((x) => x.tag === tag)) continue;
      const k = tag.slice('value:benefit:'.length);
      const kind = (BENEFIT_KINDS as readonly string[]).includes(k) ? (k as TBenefitKind) : null;
      benefits.push({ key: b.key, tag, kind });
    }
  return {
    applicable: qs.length > 0,
    points: qs[0]?.points ?? 7,
    currency: qs[0]?.currency ?? 'EUR',
    benefits,
  };
}

export async function valueReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
): Promise<TValueReport> {
  const def = await surveys.getDefinition(db, auth, surveyId);
  const scope = await resolveFilter(db, auth, surveyId, q);
  const vq = valueQuestions(def);
  const none: TStat = { n: 0, mean: null, ci95: null };
  if (!vq.applicable)
    return {
      applicable: false,
      n: 0,
      sample: null,
      points: vq.points,
      minN: VALUE_MIN_ANSWERS,
      currency: vq.currency,
      benefits: [],
      valueForMoney: { ...none, distribution: [] },
      wtp: none,
      segments: [],
      models: [],
    };
  const data = await sampledData(db, scope, { prefixes: ['value:'] });
  const classes = await useClassesOf(db, auth.orgId, data.responses);
  const useOf = new Map<string, TUse>();
  for (const r of data.responses) {
    const c = r.customerId ? classes.get(r.customerId) : null;
    useOf.set(
      r.id,
      c && (VALUE_USE_CLASSES as readonly string[]).includes(c) ? (c as TUse) : 'none',
    );
  }
  // tag -> use class -> values
  const by = new Map<string, Map<TUse, number[]>>();
  const answered = new Map<TUse, Set<string>>();
  for (const a of data.answers) {
    if (a.num === null || !a.tag?.startsWith('value:')) continue;
    const u = useOf.get(a.responseId) ?? 'none';
    const t = by.get(a.tag) ?? new Map<TUse, number[]>();
    const xs = t.get(u) ?? [];
    xs.push(a.num);
    t.set(u, xs);
    by.set(a.tag, t);
    const s = answered.get(u) ?? new Set<string>();
    s.add(a.responseId);
    answered.set(u, s);
  }
  const values = (tag: string, uses: readonly TUse[] | null) => {
    const t = by.get(tag);
    if (!t) return [];
    return [...t.entries()].filter(([u]) => !uses || uses.includes(u)).flatMap(([, xs]) => xs);
  };
  const benefitsOf = (uses: readonly TUse[] | null) =>
    vq.benefits.map((b) => ({ ...b, ...valueStat(values(b.tag, uses)) }));
  const price = values('value:price', null);
  const distribution = Array.from({ length: vq.points }, (_, i) => ({
    score: i + 1,
    count: price.filter((x) => x === i + 1).length,
  }));
  const segments = VALUE_USE_CLASSES.filter((u) => answered.has(u)).map((u) => ({
    useClass: u,
    n: answered.get(u)?.size ?? 0,
    valueForMoney: valueStat(values('value:price', [u])),
    wtp: valueStat(values('value:wtp', [u])),
    benefits: benefitsOf([u]),
  }));
  const models = (await listValueModels(db, auth))
    .filter((m) => m.surveyId === surveyId)
    .map((m) => {
      const uses = m.useClasses;
      const rating = (kind: TBenefitKind) => {
        const b = vq.benefits.find((x) => x.kind === kind);
        return b && uses.length ? valueStat(values(b.tag, uses)).mean : null;
      };
      return {
        id: m.id,
        segment: m.segment,
        currency: m.currency,
        pricePaid: m.pricePaid,
        useClasses: uses,
        benefits: m.benefits.map((b) => ({
          name: b.name,
          kind: b.kind,
          moneyValue: b.moneyValue,
          rating: rating(b.kind),
        })),
        totalBenefits: m.totalBenefits,
        perceivedValue: m.perceivedValue,
        valueRatio: m.valueRatio,
        // a model naming no classes counts no answers (as the strategy workspace)
        valueForMoney: uses.length ? valueStat(values('value:price', uses)) : none,
      };
    });
  let n = 0;
  for (const s of answered.values()) n += s.size;
  return {
    applicable: true,
    n,
    sample: data.sample,
    points: vq.points,
    minN: VALUE_MIN_ANSWERS,
    currency: vq.currency,
    benefits: benefitsOf(null),
    valueForMoney: { ...valueStat(price), distribution },
    wtp: valueStat(values('value:wtp', null)),
    segments,
    models,
  };
}
