// SERVQUAL accumulators for a scope (issue 11): from the stored sums (migration 504) when the
// aggregates can answer the filter, else from the raw answers. Both give the same state, so the
// report, the league and the overview tile print the same numbers either way (integer answers
// make every sum exact).
import { SERVQUAL_DIMENSIONS, ServqualAccumulator } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type * as surveys from '../surveys/service';
import { grainParts } from './grains';
import { servqualSumRows } from './repo-servqual';
import { dailyRows } from './service-daily';
import { rawData, type TScope } from './service-filters';

export interface TServqualState {
  /** whether any response in the scope holds a SERVQUAL answer */
  any: boolean;
  /** accumulators per org unit (null: no unit), or one under null when not by unit */
  acc: Map<string | null, ServqualAccumulator>;
}

/** Offset of a stored row's k in SERVQUAL_SUM_COLUMNS, and how many of its six sums count. */
export function servqualSumOffset(k: number): [number, number] | null {
  if (k >= 1 && k <= 22) return [(k - 1) * 6, 6];
  if (k >= 101 && k <= 105) return [132 + (k - 101) * 4, 4];
  if (k === 0) return [152, 4];
  return null;
}

/**
 * The accumulators of the scope's complete responses. `respondentsAll`: every complete response
 * counts as a respondent (the report's and league's n); otherwise only those with a SERVQUAL
 * answer do (the overview tile).
 */
export async function servqualState(
  db: Sql,
  s: TScope,
  byUnit: boolean,
  respondentsAll = true,
): Promise<TServqualState> {
  if (!s.daily) return servqualStateFromRaw(db, s, byUnit, respondentsAll);
  const [rows, counts] = await Promise.all([
    servqualSumRows(db, s.orgId, s, byUnit, grainParts(s)),
    respondentsAll ? dailyRows(db, s, [''], false, { unit: byUnit }) : Promise.resolve([]),
  ]);
  const sums = new Map<string | null, Float64Array>();
  const withAnswers = new Map<string | null, number>();
  let any = false;
  for (const r of rows) {
    const at = servqualSumOffset(r.k);
    if (!at) continue;
    let v = sums.get(r.unitId);
    if (!v) {
      v = new Float64Array(156);
      sums.set(r.unitId, v);
    }
    for (let i = 0; i < at[1]; i++) v[at[0] + i]! += r.c[i] as number;
    if (r.k === 0 && r.c[4] !== 0) {
      any = true;
      withAnswers.set(r.unitId, (withAnswers.get(r.unitId) ?? 0) + r.c[4]);
    }
  }
  const acc = new Map<string | null, ServqualAccumulator>();
  const get = (unit: string | null) => {
    let a = acc.get(unit);
    if (!a) {
      a = new ServqualAccumulator();
      acc.set(unit, a);
    }
    return a;
  };
  if (respondentsAll) for (const c of counts) get(c.unitId).addSums(c.n, []);
  // Rows stay behind at zero when their responses are deleted: such a unit has no state.
  for (const [unit, v] of sums)
    if (v.some((x) => x !== 0))
      get(unit).addSums(respondentsAll ? 0 : (withAnswers.get(unit) ?? 0), v);
  return { any, acc };
}

async function servqualStateFromRaw(
  db: Sql,
  s: TScope,
  byUnit: boolean,
  respondentsAll: boolean,
): Promise<TServqualState> {
  const data = await rawData(db, s, { prefixes: ['servqual:E:', 'servqual:P:', 'importance:'] });
  const sq = servqualOf(data.answers);
  const acc = new Map<string | null, ServqualAccumulator>();
  const none = new Array<null>(22).fill(null);
  for (const r of data.responses) {
    const hasAnswer = sq.e.has(r.id) || sq.p.has(r.id);
    if (!respondentsAll && !hasAnswer) continue;
    const unit = byUnit ? r.unitId : null;
    let a = acc.get(unit);
    if (!a) {
      a = new ServqualAccumulator();
      acc.set(unit, a);
    }
    a.push(
      sq.e.get(r.id) ?? none,
      sq.p.get(r.id) ?? none,
      respondentsAll ? (sq.w.get(r.id) ?? null) : null,
    );
  }
  return { any: sq.any, acc };
}

/** Per response: its E, P (items 1..22) and weights (SERVQUAL_DIMENSIONS order). */
export function servqualOf(answers: Awaited<ReturnType<typeof surveys.analyticsData>>['answers']) {
  const e = new Map<string, (number | null)[]>();
  const p = new Map<string, (number | null)[]>();
  const w = new Map<string, (number | null)[]>();
  const dims = SERVQUAL_DIMENSIONS as readonly string[];
  let any = false;
  const slot = (m: Map<string, (number | null)[]>, id: string, len: number) => {
    let a = m.get(id);
    if (!a) {
      a = new Array<number | null>(len).fill(null);
      m.set(id, a);
    }
    return a;
  };
  for (const a of answers) {
    if (a.tag === null || a.num === null) continue;
    const m = /^servqual:([EP]):(\d+)$/.exec(a.tag);
    if (m) {
      const k = Number(m[2]);
      if (k < 1 || k > 22) continue;
      any = true;
      slot(m[1] === 'E' ? e : p, a.responseId, 22)[k - 1] = a.num;
      continue;
    }
    const i = a.tag.startsWith('importance:') ? dims.indexOf(a.tag.slice(11)) : -1;
    if (i >= 0) slot(w, a.responseId, 5)[i] = a.num;
  }
  return { any, e, p, w };
}
