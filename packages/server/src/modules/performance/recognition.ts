// Recognition (issue 15): compliments, rules evaluated per person and month (durable monthly job
// and on demand; one award per person x rule x month however often it runs), nominations by
// colleagues and managers with approval, awards (badges and points: the ledger) and the
// monthly board every staff member sees.
import { createHash, randomUUID } from 'node:crypto';
import {
  MIN_SAMPLE,
  type TCompliment,
  type TNomination,
  type TRule,
  type TRuleMetric,
} from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import { ADMINS, type AuthContext, WRITERS } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { isUuid } from '../../lib/uuid';
import { listUnits, unitExists, unitScope } from '../orgs/service';
import * as surveys from '../surveys/service';
import { listUsers } from '../users/service';
import * as repo from './repo';
import { csatMetric, npsMetric, staffIdOf, surveyResponses } from './scorecard';

export const RECOGNITION_JOB = 'performance.recognition';

// ------------------------------------------------------------------------------ compliments

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

async function checkStaff(db: Sql, orgId: string, id: string | null | undefined) {
  if (!id) return;
  const u = (await listUsers(db, orgId)).find((x) => x.id === id);
  if (!u) throw new AppError('PERFORMANCE_USER_NOT_FOUND');
}

/** Staff enter a compliment; the client-made id makes a retry answer the stored one. */
export async function addCompliment(db: Sql, auth: AuthContext, c: TCompliment) {
  const orgId = auth.orgId;
  const content = {
    unitId: c.unitId ?? null,
    staffUserId: c.staffUserId ?? null,
    customerName: c.customerName ?? null,
    body: c.body,
    channel: c.channel,
    receivedOn: c.receivedOn,
  };
  const hash = hashOf(content);
  const existing = await repo.complimentHash(db, orgId, c.id);
  if (existing) {
    if (existing.hash !== hash) throw new AppError('PERFORMANCE_ID_REUSED');
    return { replay: true, compliment: await repo.getCompliment(db, orgId, c.id) };
  }
  if (await repo.complimentIdTaken(db, orgId, c.id)) throw new AppError('PERFORMANCE_ID_REUSED');
  if (!content.unitId && !content.staffUserId) throw new AppError('PERFORMANCE_COMPLIMENT_TARGET');
  if (content.unitId) {
    if (!(await unitExists(db, orgId, content.unitId)))
      throw new AppError('PERFORMANCE_UNIT_NOT_FOUND');
    const scope = await unitScope(db, auth);
    if (scope && !scope.includes(content.unitId)) throw new AppError('PERFORMANCE_UNIT_NOT_FOUND');
  }
  await checkStaff(db, orgId, content.staffUserId);
  if (content.receivedOn > new Date().toISOString().slice(0, 10))
    throw new AppError('PERFORMANCE_DATE_FUTURE');
  let unitId = content.unitId;
  if (!unitId && content.staffUserId) {
    unitId = (await listUsers(db, orgId)).find((u) => u.id === content.staffUserId)?.unitId ?? null;
  }
  const inserted = await repo.insertCompliment(db, orgId, {
    id: c.id,
    ...content,
    unitId,
    source: 'manual',
    sourceRef: null,
    bodyHash: hash,
    createdBy: auth.userId,
  });
  // Lost a race with the same id: answer what is stored (or 409 on other content).
  if (!inserted) return addCompliment(db, auth, c);
  return { replay: false, compliment: await repo.getCompliment(db, orgId, c.id) };
}

export async function listCompliments(
  db: Sql,
  auth: AuthContext,
  q: {
    unitId?: string | undefined;
    staffUserId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
  },
) {
  let unitIds = await unitScope(db, auth);
  if (q.unitId) {
    const sub = (await unitScope(db, { orgId: auth.orgId, unitId: q.unitId })) ?? [];
    unitIds = unitIds ? sub.filter((u) => unitIds?.includes(u)) : sub;
  }
  return repo.listCompliments(db, auth.orgId, {
    unitIds,
    staffUserId: q.staffUserId ?? null,
    from: q.from ?? null,
    to: q.to ?? null,
    limit: q.limit,
  });
}

/**
 * The simple rule that turns survey answers into compliments: a complete response whose
 * open answer is tagged `compliment` and which names a staff member (answer tagged `staff`)
 * is a compliment to that person (source 'survey', once per response).
 */
export async function harvestSurveyCompliments(
  db: Sql,
  orgId: string,
  since: string,
  until: string,
): Promise<number> {
  const data = await surveys.analyticsData(db, orgId, {
    surveyId: null,
    since,
    until,
    unitIds: null,
    channel: null,
    tags: ['staff', 'compliment'],
  });
  const byResp = new Map<string, { staff: string | null; text: string | null }>();
  for (const a of data.answers) {
    const x = byResp.get(a.responseId) ?? { staff: null, text: null };
    if (a.tag === 'staff') x.staff = x.staff ?? staffIdOf(a.text);
    if (a.tag === 'compliment' && a.text?.trim()) x.text = a.text.trim().slice(0, 4000);
    byResp.set(a.responseId, x);
  }
  const users = new Map((await listUsers(db, orgId)).map((u) => [u.id, u]));
  let n = 0;
  for (const r of data.responses) {
    const x = byResp.get(r.id);
    if (!x?.staff || !x.text || !users.has(x.staff)) continue;
    const inserted = await repo.insertCompliment(db, orgId, {
      id: randomUUID(),
      unitId: r.unitId ?? users.get(x.staff)?.unitId ?? null,
      staffUserId: x.staff,
      customerName: null,
      body: x.text,
      channel: 'survey',
      receivedOn: r.at.slice(0, 10),
      source: 'survey',
      sourceRef: r.id,
      bodyHash: hashOf(x.text),
      createdBy: null,
    });
    if (inserted) n++;
  }
  return n;
}

// ----------------------------------------------------------------------------------- rules

export const listRules = (db: Sql, orgId: string) => repo.listRules(db, orgId);

const ruleInput = (r: TRule) => ({
  nameEs: r.nameEs,
  nameEn: r.nameEn,
  metric: r.metric,
  threshold: r.threshold,
  badgeEs: r.badgeEs?.trim() || null,
  badgeEn: r.badgeEn?.trim() || null,
  points: r.points,
  active: r.active,
});

function checkRule(r: TRule) {
  if (!r.badgeEs && !r.badgeEn && r.points === 0) throw new AppError('PERFORMANCE_RULE_EMPTY');
  const bounds: Record<TRuleMetric, [number, number]> = {
    mystery_score: [0, 100],
    audit_score: [0, 100],
    compliments: [1, 10_000],
    nps: [-100, 100],
    csat: [0, 100],
  };
  const [lo, hi] = bounds[r.metric];
  if (r.threshold < lo || r.threshold > hi)
    throw new AppError('PERFORMANCE_RULE_THRESHOLD', { min: lo, max: hi });
}

export async function createRule(db: Sql, orgId: string, r: TRule) {
  checkRule(r);
  const id = await repo.insertRule(db, orgId, ruleInput(r));
  await ensureMonthlyJob(db, orgId);
  return (await repo.listRules(db, orgId)).find((x) => x.id === id);
}

export async function updateRule(db: Sql, orgId: string, id: string, r: TRule) {
  checkRule(r);
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  if (!(await repo.updateRule(db, orgId, id, ruleInput(r)))) throw new AppError('NOT_FOUND');
  return (await repo.listRules(db, orgId)).find((x) => x.id === id);
}

// ------------------------------------------------------------------------------ evaluation

export function monthBounds(period: string) {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const from = `${period}-01`;
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const since = `${from}T00:00:00.000Z`;
  const until = new Date(Date.UTC(y, m, 1)).toISOString();
  return { from, to: last, since, until };
}

const previousMonth = (now: number) => {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

/**
 * Evaluates every active rule for every active staff member over one month. Idempotent: an
 * award exists at most once per person x rule x month (unique index), so the job and the
 * "evaluate now" button may run as often as they like.
 *  - mystery_score / audit_score: the person's mean final score (in %) over the month's
 *    visits (at least one visit) >= threshold;
 *  - compliments: compliments naming the person in the month >= threshold;
 *  - nps / csat (threshold in %): responses naming the person, only with the minimum sample
 *    (MIN_SAMPLE.nps / .csat) — a rule never rewards 3 answers.
 */
export async function evaluate(db: Sql, orgId: string, period: string) {
  const b = monthBounds(period);
  await harvestSurveyCompliments(db, orgId, b.since, b.until);
  const rules = await repo.listRules(db, orgId, true);
  const people = (await listUsers(db, orgId)).filter((u) => u.active && u.role !== 'shopper');
  if (rules.length === 0 || people.length === 0) return { period, awarded: 0, rules: rules.length };
  const compliments = await repo.complimentsByStaff(db, orgId, b.from, b.to);
  const fieldwork = await repo.fieldworkAvailable(db, orgId);
  const visits = fieldwork
    ? await repo.visits(db, orgId, {
        unitIds: null,
        staffUserId: null,
        since: b.since,
        until: b.until,
      })
    : [];
  const needsSurveys = rules.some((r) => r.metric === 'nps' || r.metric === 'csat');
  const responses = needsSurveys ? await surveyResponses(db, orgId, null, b) : [];
  let awarded = 0;
  for (const u of people) {
    const mine = responses.filter((r) => r.staff.has(u.id));
    for (const rule of rules) {
      let value: number | null = null;
      let n = 0;
      if (rule.metric === 'compliments') {
        n = compliments.get(u.id) ?? 0;
        value = n;
      } else if (rule.metric === 'mystery_score' || rule.metric === 'audit_score') {
        const kind = rule.metric === 'mystery_score' ? 'mystery' : 'audit';
        const vs = visits.filter((v) => v.staffUserId === u.id && v.kind === kind);
        n = vs.length;
        // final scores are shares 0–1 (@fidelia/stats scoreAudit); thresholds are in %
        value = n ? (100 * vs.reduce((a, v) => a + v.score, 0)) / n : null;
      } else {
        const m =
          rule.metric === 'nps'
            ? npsMetric(mine.flatMap((r) => (r.nps === null ? [] : [r.nps])))
            : csatMetric(mine.flatMap((r) => (r.csat === null ? [] : [r.csat])));
        n = m.n;
        value =
          m.enough && m.value !== null ? (rule.metric === 'csat' ? m.value * 100 : m.value) : null;
        if (!m.enough) continue;
      }
      if (value === null || n === 0 || value < rule.threshold) continue;
      const ok = await repo.insertAward(db, orgId, {
        userId: u.id,
        period,
        ruleId: rule.id,
        nominationId: null,
        titleEs: rule.badgeEs ?? rule.nameEs,
        titleEn: rule.badgeEn ?? rule.nameEn,
        badge: Boolean(rule.badgeEs || rule.badgeEn),
        points: rule.points,
        value,
        n,
      });
      if (ok) awarded++;
    }
  }
  return { period, awarded, rules: rules.length };
}

/** One queued monthly job per org: runs on the 1st (02:00 UTC) for the month just ended. */
export async function ensureMonthlyJob(db: Sql, orgId: string, now = Date.now()) {
  if (await repo.jobPending(db, orgId, RECOGNITION_JOB)) return;
  const d = new Date(now);
  const runAt = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, 2));
  await enqueue(db, {
    orgId,
    kind: RECOGNITION_JOB,
    payload: { period: d.toISOString().slice(0, 7), repeat: true },
    runAt,
  });
}

/** The job: evaluate the month, then queue the next month's run. */
export async function runMonthlyJob(
  db: Sql,
  orgId: string,
  payload: { period?: string | undefined; repeat?: boolean | undefined },
  now = Date.now(),
) {
  const period = payload.period ?? previousMonth(now);
  const result = await evaluate(db, orgId, period);
  if (payload.repeat !== false) {
    const next = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 1));
    const runAt = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1, 2));
    await enqueue(db, {
      orgId,
      kind: RECOGNITION_JOB,
      payload: { period: next.toISOString().slice(0, 7), repeat: true },
      runAt: runAt.getTime() < now ? new Date(now) : runAt,
    });
  }
  return result;
}

// ------------------------------------------------------------------------------ nominations

export async function nominate(db: Sql, auth: AuthContext, n: TNomination) {
  const orgId = auth.orgId;
  if (n.nomineeId === auth.userId) throw new AppError('PERFORMANCE_SELF_NOMINATION');
  await checkStaff(db, orgId, n.nomineeId);
  const existing = await repo.getNomination(db, orgId, n.id);
  const same = (x: repo.TNominationRow) =>
    x.nomineeId === n.nomineeId &&
    x.nominatedBy === auth.userId &&
    x.period === n.period &&
    x.reason === n.reason &&
    x.points === n.points;
  if (existing) {
    if (!same(existing)) throw new AppError('PERFORMANCE_ID_REUSED');
    return { replay: true, nomination: existing };
  }
  if (await repo.nominationIdTaken(db, orgId, n.id)) throw new AppError('PERFORMANCE_ID_REUSED');
  const inserted = await repo.insertNomination(db, orgId, {
    id: n.id,
    nomineeId: n.nomineeId,
    nominatedBy: auth.userId,
    period: n.period,
    reason: n.reason,
    points: n.points,
  });
  if (!inserted) return nominate(db, auth, n);
  return { replay: false, nomination: await repo.getNomination(db, orgId, n.id) };
}

/** Managers (owner/admin/analyst) see every nomination; others their own (given or got). */
export const listNominations = (db: Sql, auth: AuthContext, status: string | null) =>
  repo.listNominations(db, auth.orgId, {
    status,
    userId: WRITERS.includes(auth.role) ? null : auth.userId,
  });

export async function decideNomination(
  db: Sql,
  auth: AuthContext,
  id: string,
  d: { decision: 'approved' | 'rejected'; note?: string | undefined },
) {
  const orgId = auth.orgId;
  const n = isUuid(id) ? await repo.getNomination(db, orgId, id) : null;
  if (!n) throw new AppError('NOT_FOUND');
  if (n.nominatedBy === auth.userId && !ADMINS.includes(auth.role))
    throw new AppError('PERFORMANCE_OWN_NOMINATION');
  if (n.status !== 'pending') {
    if (n.status === d.decision) return n; // the same decision again: a retry
    throw new AppError('PERFORMANCE_NOMINATION_DECIDED');
  }
  await db.transaction(async (tx) => {
    if (
      !(await repo.decideNomination(tx, orgId, id, {
        status: d.decision,
        by: auth.userId,
        note: d.note ?? null,
      }))
    )
      throw new AppError('PERFORMANCE_NOMINATION_DECIDED');
    if (d.decision === 'approved')
      await repo.insertAward(tx, orgId, {
        userId: n.nomineeId,
        period: n.period,
        ruleId: null,
        nominationId: n.id,
        titleEs: 'Reconocimiento de un compañero',
        titleEn: 'Peer recognition',
        badge: true,
        points: n.points,
        value: null,
        n: null,
      });
  });
  return repo.getNomination(db, orgId, id);
}

// ------------------------------------------------------------------------------------ board

export async function board(db: Sql, orgId: string, period: string) {
  const [items, totals] = await Promise.all([
    repo.awards(db, orgId, { period, userId: null }),
    repo.pointTotals(db, orgId, period),
  ]);
  return { period, awards: items, leaders: totals };
}

/** Active staff (names and units only): the pickers of compliments, nominations, scorecards. */
export async function staffDirectory(db: Sql, orgId: string) {
  const [users, units] = await Promise.all([listUsers(db, orgId), listUnits(db, orgId)]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return users
    .filter((u) => u.active && u.role !== 'shopper')
    .map((u) => ({
      id: u.id,
      name: u.name || u.email,
      unitId: u.unitId,
      unitName: u.unitId ? (names.get(u.unitId) ?? null) : null,
    }));
}

export const ledger = (db: Sql, orgId: string, userId: string) =>
  repo.awards(db, orgId, { period: null, userId });

export { MIN_SAMPLE };
