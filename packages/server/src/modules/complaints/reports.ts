// Complaint reports over a period (by received date), within the caller's unit scope:
// volume by channel/category/unit/status, time to first response and to resolution (hours),
// reopen rate, post-closure satisfaction, Pareto of root causes, repeat complainants; CSV.
import type { TReportQuery } from '@fidelia/contracts';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { iso } from '../../lib/iso';
import { neutralise, neutraliseRow } from '../../lib/tabular/neutralise';
import { unitScope } from '../orgs/service';
import type { TReportRow as Row } from './repo-reports';
import * as repo from './repo-reports';

const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());

export function stats(xs: number[]) {
  if (!xs.length) return { n: 0, mean: null, median: null, p90: null };
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return (s[lo] as number) + (h - lo) * ((s[Math.ceil(h)] as number) - (s[lo] as number));
  };
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    median: q(0.5),
    p90: q(0.9),
  };
}

async function rows(db: Sql, auth: AuthContext, q: TReportQuery): Promise<Row[]> {
  let scope = await unitScope(db, auth);
  if (q.unitId) {
    const sub = (await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [];
    scope = scope ? sub.filter((u) => scope?.includes(u)) : sub;
  }
  return repo.reportRows(db, auth.orgId, q.from ?? null, q.to ?? null, scope);
}

const countBy = (rs: Row[], key: (r: Row) => string) => {
  const m = new Map<string, number>();
  for (const r of rs) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()]
    .map(([k, n]) => ({ key: k, count: n }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

/** Defection analysis: customers marked lost who complained in the period, and how many of them
 * had a complaint left unresolved (open or rejected) or badly handled (rated 1-2 or response
 * refused by the customer). */
async function defection(db: Sql, orgId: string, ids: string[]) {
  if (!ids.length) return { lostWithComplaints: 0, unresolvedOrBadlyHandled: 0, share: null };
  const { lost, bad } = await repo.defectionCounts(db, orgId, ids);
  return {
    lostWithComplaints: lost,
    unresolvedOrBadlyHandled: bad,
    share: lost ? bad / lost : null,
  };
}

export async function report(db: Sql, auth: AuthContext, q: TReportQuery) {
  const rs = await rows(db, auth, q);
  const H = 3_600_000;
  const firstResponse = rs
    .filter((r) => r.first_response_at !== null)
    .map((r) => ((ms(r.first_response_at) as number) - (ms(r.received_at) as number)) / H);
  const closed = rs.filter((r) => r.status === 'closed' && r.closed_at !== null);
  const resolution = closed.map(
    (r) => ((ms(r.closed_at) as number) - (ms(r.received_at) as number)) / H,
  );
  // ever closed = closed or rejected now, or reopened at least once
  const everClosed = rs.filter(
    (r) => r.status === 'closed' || r.status === 'rejected' || r.reopen_count > 0,
  );
  const reopened = rs.filter((r) => r.reopen_count > 0);
  const rated = rs.filter((r) => r.rating !== null).map((r) => r.rating as number);
  const causes = countBy(
    closed.filter((r) => r.cause !== null),
    (r) => r.cause as string,
  );
  const causeTotal = causes.reduce((a, c) => a + c.count, 0);
  let cum = 0;
  const pareto = causes.map((c) => {
    cum += c.count;
    return {
      cause: c.key,
      count: c.count,
      share: c.count / causeTotal,
      cumulative: cum / causeTotal,
    };
  });
  const repeat = countBy(
    rs.filter((r) => r.who !== null),
    (r) => r.who as string,
  ).filter((x) => x.count >= 2);
  return {
    period: { from: q.from ?? null, to: q.to ?? null },
    total: rs.length,
    open: rs.filter((r) => r.status !== 'closed' && r.status !== 'rejected').length,
    byChannel: countBy(rs, (r) => r.channel),
    byCategory: countBy(rs, (r) => r.category ?? '—'),
    byUnit: countBy(rs, (r) => r.unit ?? '—'),
    byStatus: countBy(rs, (r) => r.status),
    byForm: countBy(rs, (r) => r.form),
    firstResponseHours: stats(firstResponse),
    resolutionHours: stats(resolution),
    reopen: {
      everClosed: everClosed.length,
      reopened: reopened.length,
      rate: everClosed.length ? reopened.length / everClosed.length : null,
    },
    satisfaction: {
      n: rated.length,
      mean: rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null,
      satisfiedShare: rated.length ? rated.filter((x) => x >= 4).length / rated.length : null,
      distribution: [1, 2, 3, 4, 5].map((v) => ({
        rating: v,
        count: rated.filter((x) => x === v).length,
      })),
    },
    pareto,
    repeatComplainants: {
      customers: repeat.length,
      cases: repeat.reduce((a, x) => a + x.count, 0),
    },
    defection: await defection(
      db,
      auth.orgId,
      rs.map((r) => r.id),
    ),
  };
}

export function reportCsv(r: Awaited<ReturnType<typeof report>>): string {
  const out: (string | number | null)[][] = [['section', 'key', 'value', 'extra']];
  out.push(['total', 'cases', r.total, null], ['total', 'open', r.open, null]);
  for (const [name, list] of [
    ['channel', r.byChannel],
    ['category', r.byCategory],
    ['unit', r.byUnit],
    ['status', r.byStatus],
    ['form', r.byForm],
  ] as const) {
    for (const x of list) out.push([name, x.key, x.count, null]);
  }
  for (const [name, s] of [
    ['first_response_hours', r.firstResponseHours],
    ['resolution_hours', r.resolutionHours],
  ] as const) {
    out.push(
      [name, 'n', s.n, null],
      [name, 'mean', s.mean, null],
      [name, 'median', s.median, null],
      [name, 'p90', s.p90, null],
    );
  }
  out.push(['reopen', 'rate', r.reopen.rate, `${r.reopen.reopened}/${r.reopen.everClosed}`]);
  out.push(['satisfaction', 'mean', r.satisfaction.mean, `n=${r.satisfaction.n}`]);
  for (const p of r.pareto) out.push(['pareto', p.cause, p.count, p.cumulative]);
  out.push([
    'repeat_complainants',
    'customers',
    r.repeatComplainants.customers,
    r.repeatComplainants.cases,
  ]);
  out.push(['defection', 'lost_with_complaints', r.defection.lostWithComplaints, null]);
  out.push([
    'defection',
    'unresolved_or_badly_handled',
    r.defection.unresolvedOrBadlyHandled,
    r.defection.share,
  ]);
  return stringify(out.map(neutraliseRow));
}

/** One line per case (text cells neutralised against formula injection). */
async function casesTable(db: Sql, auth: AuthContext, q: TReportQuery) {
  const rs = await rows(db, auth, q);
  const safe = (v: unknown) =>
    neutralise(
      v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v),
    );
  const head = [
    'reference',
    'received_at',
    'channel',
    'form',
    'status',
    'severity',
    'category',
    'unit',
    'assignee',
    'first_response_at',
    'closed_at',
    'reopen_count',
    'root_cause',
    'rating',
    'subject',
  ];
  const lines = rs.map((r) =>
    [
      r.reference,
      iso(r.received_at),
      r.channel,
      r.form,
      r.status,
      r.severity,
      r.category,
      r.unit,
      r.assignee,
      iso(r.first_response_at),
      iso(r.closed_at),
      r.reopen_count,
      r.cause,
      r.rating,
      r.subject,
    ].map(safe),
  );
  return { head, lines };
}

export async function casesCsv(db: Sql, auth: AuthContext, q: TReportQuery): Promise<string> {
  const { head, lines } = await casesTable(db, auth, q);
  return `\uFEFF${stringify([head, ...lines])}`;
}

export async function casesXlsx(db: Sql, auth: AuthContext, q: TReportQuery): Promise<Buffer> {
  const { head, lines } = await casesTable(db, auth, q);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('reclamaciones');
  ws.addRow(head);
  for (const l of lines) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
