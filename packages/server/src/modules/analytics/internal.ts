// Internal customers (issue 11): how each serving unit is rated by the units it serves, from the
// internal-customer survey's tags — `internal:provider` (which department serves you, typed or
// picked) and the `internal:<item>` ratings (1–5). Rows are serving units, columns the
// respondents' own units (the internal customers); a cell is the mean respondent score with its
// n, and no mean below INTERNAL_MIN_N respondents (too few to read, and a small team's answers
// would be recognisable).
import {
  INTERNAL_MIN_N,
  type TAnalyticsFilter,
  type TInternalReport,
  type TSurveyDefinition,
} from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { listUnits } from '../orgs/service';
import * as surveys from '../surveys/service';
import { rawData, resolveFilter } from './service';

const PROVIDER = 'internal:provider';

/** Accent-, case- and space-insensitive key of a unit name as typed. */
export function nameKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function hasProvider(def: TSurveyDefinition): boolean {
  return (def.pages ?? []).some((p) =>
    (p.questions ?? []).some((q) => (q as { tag?: string }).tag === PROVIDER),
  );
}

const mean = (s: { n: number; sum: number }) => (s.n > 0 ? s.sum / s.n : null);

export async function internalReport(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TAnalyticsFilter,
): Promise<TInternalReport> {
  const def = await surveys.getDefinition(db, auth, surveyId);
  const scope = await resolveFilter(db, auth, surveyId, q);
  const empty = { n: 0, minN: INTERNAL_MIN_N, rows: [], columns: [], cells: [], items: [] };
  if (!hasProvider(def)) return { ...empty, applicable: false };
  const data = await rawData(db, scope, { prefixes: ['internal:'] });
  const units = await listUnits(db, auth.orgId);
  const byKey = new Map(units.map((u) => [nameKey(u.name), u]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const provider = new Map<string, { key: string; name: string; unitId: string | null }>();
  const ratings = new Map<string, number[]>();
  const items = new Map<string, { n: number; sum: number }>();
  for (const a of data.answers) {
    if (a.tag === PROVIDER) {
      const typed = (a.text ?? '').trim();
      if (!typed) continue;
      const u = byKey.get(nameKey(typed));
      provider.set(
        a.responseId,
        u
          ? { key: u.id, name: u.name, unitId: u.id }
          : { key: `text:${nameKey(typed)}`, name: typed, unitId: null },
      );
    } else if (a.tag?.startsWith('internal:') && a.num !== null) {
      const xs = ratings.get(a.responseId) ?? [];
      xs.push(a.num);
      ratings.set(a.responseId, xs);
      const it = items.get(a.tag) ?? { n: 0, sum: 0 };
      it.n += 1;
      it.sum += a.num;
      items.set(a.tag, it);
    }
  }
  type G = { key: string; name: string; unitId: string | null; n: number; sum: number };
  const rows = new Map<string, G>();
  const cols = new Map<string, G>();
  const cells = new Map<string, { row: string; column: string; n: number; sum: number }>();
  const add = (m: Map<string, G>, g: Omit<G, 'n' | 'sum'>, x: number) => {
    const c = m.get(g.key) ?? { ...g, n: 0, sum: 0 };
    c.n += 1;
    c.sum += x;
    m.set(g.key, c);
  };
  let n = 0;
  for (const r of data.responses) {
    const p = provider.get(r.id);
    const xs = ratings.get(r.id);
    if (!p || !xs?.length) continue;
    const score = xs.reduce((s, x) => s + x, 0) / xs.length;
    const col = r.unitId
      ? { key: r.unitId, name: unitName.get(r.unitId) ?? '', unitId: r.unitId }
      : { key: '', name: '', unitId: null };
    n += 1;
    add(rows, p, score);
    add(cols, col, score);
    const k = `${p.key}\u0000${col.key}`;
    const c = cells.get(k) ?? { row: p.key, column: col.key, n: 0, sum: 0 };
    c.n += 1;
    c.sum += score;
    cells.set(k, c);
  }
  const byName = (a: G, b: G) => a.name.localeCompare(b.name, 'es') || a.key.localeCompare(b.key);
  const out = (g: G) => ({ key: g.key, name: g.name, unitId: g.unitId, n: g.n, mean: mean(g) });
  // the survey's order of the rating rows, then any other internal:* tag as met
  const defined: string[] = [];
  for (const pg of def.pages ?? [])
    for (const qq of pg.questions ?? [])
      for (const r of (qq as { rows?: { tag?: string }[] }).rows ?? [])
        if (r.tag?.startsWith('internal:') && items.has(r.tag)) defined.push(r.tag);
  const order = [...defined, ...[...items.keys()].filter((k) => !defined.includes(k))];
  return {
    n,
    minN: INTERNAL_MIN_N,
    applicable: true,
    rows: [...rows.values()].sort(byName).map(out),
    columns: [...cols.values()].sort(byName).map(out),
    cells: [...cells.values()].map((c) => ({
      row: c.row,
      column: c.column,
      n: c.n,
      mean: c.n >= INTERNAL_MIN_N ? c.sum / c.n : null,
    })),
    items: order.map((tag) => {
      const it = items.get(tag) as { n: number; sum: number };
      return { tag, n: it.n, mean: mean(it) };
    }),
  };
}
