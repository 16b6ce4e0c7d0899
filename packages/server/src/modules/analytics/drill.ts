// Drill-down (issue 11): the responses behind a chart element, with the reports' filters.
// The selection mirrors how each report counts, so `total` is the figure the chart showed:
// - servqual + item: responses with both E and P of the item (the item's n);
//   + dimension: with at least one complete pair in it; neither: every response in the
//   filter (the report's and the league row's n, which count respondents);
// - nps / csat: responses with that answer, optionally in a bucket (≥9 / 7–8 / ≤6;
//   4–5 / 3 / 1–2, the aggregates' split), optionally in a trend period;
// - text: responses with a non-empty answer to the open question(s) (the comments' n).
// `atUnit` is one unit exactly (a league / by-unit row); the filter's unitId is a subtree.
// Keyset pagination on (time, id), newest first; the cursor is opaque.
import type { TDrillItem, TDrillPage, TDrillQuery, TSurveyDefinition } from '@fidelia/contracts';
import { SERVQUAL_ITEMS } from '@fidelia/stats';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { listUnits, unitScope } from '../orgs/service';
import * as surveys from '../surveys/service';
import { customerNames } from './repo-drill';
import { periodOf, rawData, resolveFilter } from './service';

registerErrors({
  ANALYTICS_CURSOR_INVALID: {
    status: 400,
    es: 'El cursor de página no es válido.',
    en: 'Invalid page cursor.',
  },
  ANALYTICS_DRILL_INVALID: {
    status: 400,
    es: 'La selección no corresponde a la métrica (ítem o dimensión solo con SERVQUAL, segmento solo con NPS o CSAT, periodo con su tipo).',
    en: 'The selection does not fit the metric (item or dimension only with SERVQUAL, bucket only with NPS or CSAT, period with its kind).',
  },
});

const NPS_B = { promoter: 'hi', passive: 'mid', detractor: 'lo' } as const;
const CSAT_B = { satisfied: 'hi', neutral: 'mid', dissatisfied: 'lo' } as const;

function band(metric: 'nps' | 'csat', v: number): 'hi' | 'mid' | 'lo' {
  if (metric === 'nps') return v >= 9 ? 'hi' : v >= 7 ? 'mid' : 'lo';
  return v >= 4 ? 'hi' : v >= 3 ? 'mid' : 'lo';
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

function decodeCursor(c: string): { at: string; id: string } {
  const s = Buffer.from(c, 'base64url').toString();
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([0-9a-f-]{36})$/.exec(s);
  if (!m) throw new AppError('ANALYTICS_CURSOR_INVALID');
  return { at: m[1] as string, id: m[2] as string };
}

function validate(q: TDrillQuery) {
  const bad =
    ((q.item !== undefined || q.dimension !== undefined) && q.metric !== 'servqual') ||
    (q.bucket !== undefined &&
      !(
        (q.metric === 'nps' && q.bucket in NPS_B) ||
        (q.metric === 'csat' && q.bucket in CSAT_B)
      )) ||
    (q.periodKey === undefined) !== (q.periodKind === undefined) ||
    (q.question !== undefined && q.metric !== 'text');
  if (bad) throw new AppError('ANALYTICS_DRILL_INVALID');
}

/** GET /api/analytics/surveys/:id/responses: the matching responses, a page at a time. */
export async function drillResponses(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TDrillQuery,
): Promise<TDrillPage> {
  validate(q);
  const def = (await surveys.getSurvey(db, auth, surveyId)).definition as TSurveyDefinition;
  const s = await resolveFilter(db, auth, surveyId, q);
  const after = q.after ? decodeCursor(q.after) : null;
  const textKeys: string[] = [];
  for (const p of def.pages ?? [])
    for (const qq of p.questions ?? [])
      if (qq.type === 'text' && (q.metric !== 'text' || !q.question || qq.key === q.question))
        textKeys.push(qq.key);
  const data = await rawData(db, s, {
    tags: q.metric === 'nps' || q.metric === 'csat' ? [q.metric] : [],
    prefixes: q.metric === 'servqual' ? ['servqual:E:', 'servqual:P:'] : [],
    questionKeys: textKeys,
  });
  const byResp = new Map<string, typeof data.answers>();
  for (const a of data.answers) {
    const l = byResp.get(a.responseId) ?? [];
    l.push(a);
    byResp.set(a.responseId, l);
  }
  const items = q.item
    ? [q.item]
    : q.dimension
      ? [...SERVQUAL_ITEMS[q.dimension]]
      : ([] as number[]);
  const want =
    q.bucket && (q.metric === 'nps' || q.metric === 'csat')
      ? ({ ...NPS_B, ...CSAT_B } as Record<string, 'hi' | 'mid' | 'lo'>)[q.bucket]
      : null;
  const matched: { r: (typeof data.responses)[number]; answers: TDrillItem['answers'] }[] = [];
  for (const r of data.responses) {
    if (q.atUnit && r.unitId !== q.atUnit) continue;
    if (q.periodKey && q.periodKind && periodOf(r.at.slice(0, 10), q.periodKind) !== q.periodKey)
      continue;
    const own = byResp.get(r.id) ?? [];
    const num = (tag: string) => own.find((a) => a.tag === tag && a.num !== null)?.num ?? null;
    let answers: TDrillItem['answers'] = [];
    if (q.metric === 'servqual') {
      if (items.length) {
        for (const k of items) {
          const e = num(`servqual:E:${k}`);
          const p = num(`servqual:P:${k}`);
          if (e !== null && p !== null)
            answers.push(
              { tag: `servqual:E:${k}`, value: e },
              { tag: `servqual:P:${k}`, value: p },
            );
        }
        if (answers.length === 0) continue;
      }
    } else if (q.metric === 'nps' || q.metric === 'csat') {
      const v = num(q.metric);
      if (v === null) continue;
      if (want && band(q.metric, v) !== want) continue;
      answers = [{ tag: q.metric, value: v }];
    } else if (!own.some((a) => a.text && a.text.trim() !== '')) continue;
    matched.push({ r, answers });
  }
  // Newest first: (at, id) descending.
  matched.sort((a, b) =>
    a.r.at === b.r.at ? (a.r.id < b.r.id ? 1 : -1) : a.r.at < b.r.at ? 1 : -1,
  );
  const start = after
    ? matched.findIndex((m) => m.r.at < after.at || (m.r.at === after.at && m.r.id < after.id))
    : 0;
  const page = start < 0 ? [] : matched.slice(start, start + q.limit);
  const last = page[page.length - 1];
  const more = start >= 0 && start + q.limit < matched.length;
  const units = new Map((await listUnits(db, auth.orgId)).map((u) => [u.id, u.name]));
  const names = await customerNames(
    db,
    auth.orgId,
    page.flatMap((m) => (m.r.customerId ? [m.r.customerId] : [])),
    await unitScope(db, auth),
  );
  return {
    total: matched.length,
    next: more && last ? encodeCursor(last.r.at, last.r.id) : null,
    items: page.map(({ r, answers }) => {
      const texts = (byResp.get(r.id) ?? [])
        .filter((a) => textKeys.includes(a.questionKey) && a.text && a.text.trim() !== '')
        .map((a) => (a.text as string).trim());
      const name = r.customerId ? names.get(r.customerId) : undefined;
      return {
        responseId: r.id,
        at: r.at,
        unitId: r.unitId,
        unitName: r.unitId ? (units.get(r.unitId) ?? null) : null,
        channel: r.channel,
        language: r.language,
        customer: r.customerId && name ? { id: r.customerId, name } : null,
        answers,
        comment: texts.length ? texts.join(' · ') : null,
      };
    }),
  };
}
