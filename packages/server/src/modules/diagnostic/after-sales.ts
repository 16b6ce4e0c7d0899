// After-sales in the diagnostic (issue 16): for each attribute of the shared
// catalogue's `after_sales` group (information to use the product, spare parts, technical
// assistance, warranty…) its evidence across the gaps, for the unit and period:
// - gap 2/3: the active standards that measure it and their audit compliance (fieldwork, the
//   same figures as gap 3),
// - gap 4: promises of the registry that cite it (and whether they are kept),
// - complaints citing it (complaints/service, counted by catalogue id, unit subtree and period),
// - gap 5 / customers: the SERVQUAL items the attribute is linked to (P − E from the gap-5 report)
//   and its Kano category when a Kano question uses the attribute's key,
// - panel insights quoting it (panels/service).
// Each attribute lists the evidence that is missing and where to collect it, like the gaps do.
import type { TServqualReport } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import * as analytics from '../analytics/service';
import * as complaints from '../complaints/service';
import * as panels from '../panels/service';
import * as standards from '../standards/service';
import * as surveys from '../surveys/service';
import type { TEvidence } from './evidence';
import type { TGap3 } from './external';
import type { TPromiseVerdict } from './promises';

export type TAfterSalesMissing = 'no_standard' | 'no_audit' | 'no_customer_measure';

export interface TAfterSalesAttribute {
  id: string;
  key: string;
  name: { es: string; en: string };
  dimension: string | null;
  servqualItems: number[];
  standards: {
    id: string;
    code: string;
    name: { es: string; en: string };
    /** audit observations in the period (0 = not audited) */
    n: number;
    compliance: number | null;
    failing: boolean;
  }[];
  /** all its standards' audit observations together */
  compliance: { n: number; met: number; value: number | null };
  promises: { id: string; text: string; channel: string; notKept: boolean }[];
  complaints: number;
  perception: {
    item: number;
    perception: number | null;
    expectation: number | null;
    gap: number | null;
    ci95: [number, number] | null;
  }[];
  kano: { category: string | null; n: number; surveyId: string } | null;
  insights: { count: number; quotes: { quote: string; theme: string }[] };
  /** evidence not there yet, each with the place to collect it */
  missing: { code: TAfterSalesMissing; link: string }[];
}

export interface TAfterSales {
  attributes: TAfterSalesAttribute[];
}

/** The latest Kano survey with answers (template `kano`), if any. */
async function kanoSurvey(db: Sql, auth: AuthContext) {
  return (
    (await surveys.listSurveys(db, auth)).items.find(
      (s) => s.template === 'kano' && s.responses.complete > 0,
    ) ?? null
  );
}

export async function afterSalesEvidence(
  db: Sql,
  auth: AuthContext,
  q: {
    unitId?: string;
    from?: string;
    to?: string;
    unitIds: string[] | null;
    servqual: TServqualReport | null;
    gap3: TEvidence<TGap3>;
    promises: TPromiseVerdict[];
  },
): Promise<TEvidence<TAfterSales>> {
  const attrs = (await standards.listAttributes(db, auth.orgId)).filter(
    (a) => a.group === 'after_sales',
  );
  if (attrs.length === 0)
    return {
      status: 'missing',
      missing: 'no_after_sales_attributes',
      template: null,
      link: '/standards/attributes',
    };
  const ids = attrs.map((a) => a.id);
  const [stds, counts, ins, kanoS] = await Promise.all([
    standards.listStandards(db, auth.orgId, {
      ...(q.unitId ? { unitId: q.unitId } : {}),
      activeOnly: true,
    }),
    complaints.serviceAttributeCounts(db, auth.orgId, {
      unitIds: q.unitIds,
      from: q.from ?? null,
      to: q.to ?? null,
    }),
    panels.insightSummary(db, auth.orgId, { attributeIds: ids }),
    kanoSurvey(db, auth),
  ]);
  const kano = new Map<string, { category: string | null; n: number }>();
  if (kanoS) {
    const rep = await analytics.kanoReport(db, auth, kanoS.id, {
      ...(q.unitId ? { unitId: q.unitId } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    });
    for (const a of rep.attributes) kano.set(a.attribute, { category: a.category, n: a.n });
  }
  const audited = new Map(
    (q.gap3.status === 'ok' ? q.gap3.data.standards : []).map((s) => [s.id, s]),
  );
  const cases = new Map(counts.map((c) => [c.attributeId, c.cases]));
  return {
    status: 'ok',
    data: {
      attributes: attrs.map((a) => {
        const own = stds
          .filter((s) => s.attributeId === a.id)
          .map((s) => {
            const au = audited.get(s.id);
            return {
              id: s.id,
              code: s.code,
              name: { es: s.nameEs, en: s.nameEn },
              n: au?.n ?? 0,
              met: au?.met ?? 0,
              compliance: au?.compliance ?? null,
              failing: au?.failing ?? false,
            };
          });
        const n = own.reduce((t, s) => t + s.n, 0);
        const met = own.reduce((t, s) => t + s.met, 0);
        const items = [...(a.servqualItems ?? [])].map(Number).sort((x, y) => x - y);
        const perception = items.map((k) => {
          const it = q.servqual?.items.find((i) => Number(i.item) === k);
          return {
            item: k,
            perception: it?.perception ?? null,
            expectation: it?.expectation ?? null,
            gap: it?.gap ?? null,
            ci95: (it?.ci95 as [number, number] | null | undefined) ?? null,
          };
        });
        const k = kano.get(a.key);
        const measured = perception.some((p) => p.gap !== null) || (k?.n ?? 0) > 0;
        const missing: TAfterSalesAttribute['missing'] = [];
        if (own.length === 0) missing.push({ code: 'no_standard', link: '/standards' });
        else if (n === 0) missing.push({ code: 'no_audit', link: '/fieldwork' });
        if (!measured) missing.push({ code: 'no_customer_measure', link: '/surveys' });
        const i = ins.attributes[a.id];
        return {
          id: a.id,
          key: a.key,
          name: { es: a.nameEs, en: a.nameEn },
          dimension: a.dimension ?? null,
          servqualItems: items,
          standards: own.map(({ met: _m, ...s }) => s),
          compliance: { n, met, value: n > 0 ? met / n : null },
          promises: q.promises
            .filter((p) => p.attributeIds.includes(a.id))
            .map((p) => ({ id: p.id, text: p.text, channel: p.channel, notKept: p.notKept })),
          complaints: cases.get(a.id) ?? 0,
          perception,
          kano: k && kanoS ? { ...k, surveyId: kanoS.id } : null,
          insights: {
            count: i?.count ?? 0,
            quotes: (i?.quotes ?? []).slice(0, 3).map((x) => ({ quote: x.quote, theme: x.theme })),
          },
          missing,
        };
      }),
    },
  };
}
