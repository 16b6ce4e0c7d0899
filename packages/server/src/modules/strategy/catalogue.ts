// What the strategy workspace reads from its neighbours, in one place: the shared service
// attribute catalogue and the standards (standards/service), panel insights (panels/service).
// Shapes are narrowed here so the rest of the module does not depend on their full types.
import type { Sql } from '../../db/client';

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
  quotes: { quote: string; sessionDate: string | null }[];
}

export async function attributes(_db: Sql, _orgId: string): Promise<TCatAttribute[]> {
  return [];
}

export async function standards(_db: Sql, _orgId: string): Promise<TCatStandard[]> {
  return [];
}

export async function insights(
  _db: Sql,
  _orgId: string,
  _q: { needIds: string[]; attributeIds: string[] },
): Promise<{ needs: Map<string, TInsights>; attributes: Map<string, TInsights> }> {
  return { needs: new Map(), attributes: new Map() };
}
