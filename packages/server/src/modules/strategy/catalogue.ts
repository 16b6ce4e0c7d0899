// What the strategy workspace reads from its neighbours, in one place: the shared service
// attribute catalogue and the standards (standards/service), panel insights (panels/service).
// Shapes are narrowed here so the rest of the module does not depend on their full types.
import type { Sql } from '../../db/client';
import { insightSummary } from '../panels/service';
import { listAttributes, listStandards } from '../standards/service';

export interface TCatAttribute {
  id: string;
  key: string;
  name: { es: string; en: string };
  group: string | null;
}
export interface TCatStandard {
  id: string;
  attributeId: string | null;
  code: string;
  name: { es: string; en: string };
}
export interface TInsights {
  count: number;
  quotes: { quote: string; theme: string; topic: string; sessionDate: string | null }[];
}

export async function attributes(db: Sql, orgId: string): Promise<TCatAttribute[]> {
  return (await listAttributes(db, orgId)).map((a) => ({
    id: a.id,
    key: a.key,
    name: { es: a.nameEs, en: a.nameEn },
    group: a.group,
  }));
}

/** The active standards (current version) with the attribute each one measures. */
export async function standards(db: Sql, orgId: string): Promise<TCatStandard[]> {
  return (await listStandards(db, orgId, { activeOnly: true })).map((s) => ({
    id: s.id,
    attributeId: s.attributeId,
    code: s.code,
    name: { es: s.nameEs, en: s.nameEn },
  }));
}

export async function insights(
  db: Sql,
  orgId: string,
  q: { needIds: string[]; attributeIds: string[] },
): Promise<{ needs: Map<string, TInsights>; attributes: Map<string, TInsights> }> {
  if (q.needIds.length === 0 && q.attributeIds.length === 0)
    return { needs: new Map(), attributes: new Map() };
  const r = await insightSummary(db, orgId, q);
  const conv = (rec: typeof r.needs) =>
    new Map(
      Object.entries(rec).map(([k, v]) => [
        k,
        {
          count: v.count,
          quotes: v.quotes.slice(0, 3).map((x) => ({
            quote: x.quote,
            theme: x.theme,
            topic: x.topic,
            sessionDate: x.sessionAt,
          })),
        },
      ]),
    );
  return { needs: conv(r.needs), attributes: conv(r.attributes) };
}
