// Demo complaints for Banco Horizonte: category and root-cause trees, two agents per branch
// (the first one managing it), and ~60 Spanish cases across branches, channels and every
// state, run through the real service (timeline, assignment, remedies, root causes, ratings),
// then spread back in time over the last four months. Deterministic (seeded PRNG). SQL in
// repo-demo.ts.
import type { Sql } from '../../db/client';
import type { DemoOrg } from '../../demo/registry';
import { dropQueued } from '../../jobs/queue';
import { randomToken } from '../../lib/crypto';
import { createUser } from '../users/service';
import {
  BRANCHES,
  CATEGORIES,
  CAUSES,
  CHANNELS,
  NOTE,
  RECOURSE,
  REJECT,
  REOPEN,
  RESPONSE,
  SEVERITIES,
  STORIES,
} from './demo-data';
import * as repo from './repo';
import * as cfg from './repo-config';
import * as demo from './repo-demo';
import { formatReference } from './service';
import { queueRecompute } from './sla/service';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// The service attribute a category's cases name: catalogue keys of the standards starter list,
// and one free text the catalogue does not have yet (the attributes page's sync adds it).
const SERVICE_ATTRIBUTE: Record<string, string> = {
  'Tiempo de espera': 'waiting_time',
  'Trato recibido': 'courtesy',
  Instalaciones: 'facilities',
  'Aplicación móvil': 'Aplicación móvil',
};

// Target state of each of the 60 cases (share of a real mature backlog).
const PLAN = [
  ...Array(24).fill('closed'),
  ...Array(4).fill('reopened_closed'),
  ...Array(5).fill('rejected'),
  ...Array(6).fill('responded'),
  ...Array(7).fill('investigating'),
  ...Array(5).fill('assessed'),
  ...Array(5).fill('acknowledged'),
  ...Array(4).fill('received'),
] as string[];

export const seedDemoComplaints = async (outer: Sql, org: DemoOrg) =>
  // one transaction: ~10x fewer commits (PGlite flushes on every commit)
  outer.transaction(async (db) => {
    const orgId = org.orgId;
    const rand = rng(10002);
    const one = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const cat = new Map<string, string>();
    for (const [name, parent, dim] of CATEGORIES) {
      const c = await cfg.insertCategory(db, orgId, {
        tree: 'category',
        parentId: parent ? (cat.get(parent) ?? null) : null,
        name,
        servqualDimension: dim,
      });
      cat.set(name, c.id);
    }
    const cause = new Map<string, string>();
    for (const [name, parent] of CAUSES) {
      const c = await cfg.insertCategory(db, orgId, {
        tree: 'cause',
        parentId: parent ? (cause.get(parent) ?? null) : null,
        name,
        servqualDimension: null,
      });
      cause.set(name, c.id);
    }
    await repo.saveSettings(db, orgId, {
      responseDays: 10,
      recourse:
        'Si no está conforme, puede dirigirse al Defensor del Cliente de Banco Horizonte (defensor@bancohorizonte.es) o al Servicio de Reclamaciones del Banco de España.',
    });
    // Two agents per branch; the first one is the branch manager for impartiality rules.
    const AGENTS: [string, string][] = [
      ['Elena Sanz Pardo', 'Tomás Rivas Gil'],
      ['Irene Castro Vidal', 'Óscar Prieto León'],
      ['Mikel Arrieta Goñi', 'Leire Zubiri Sáez'],
      ['Covadonga Díaz Fano', 'Pelayo Suárez Rey'],
      ['Macarena Ortiz Rubio', 'Curro Vega Lozano'],
      ['Alba Molina Ríos', 'Rafael Campos Gil'],
    ];
    const staffOf: Record<string, string[]> = {};
    for (const [i, key] of BRANCHES.entries()) {
      const unitId = org.units[key];
      if (!unitId) continue;
      staffOf[key] = [];
      for (const [j, name] of (AGENTS[i] ?? []).entries()) {
        const { user } = await createUser(
          db,
          { orgId, userId: null, email: null },
          {
            email: `agente${j + 1}.${key}@bancohorizonte.es`,
            name,
            role: 'agent',
            unitId,
            password: randomToken(12),
          },
        );
        staffOf[key].push(user.id);
        if (j === 0) await cfg.setManager(db, orgId, unitId, user.id);
      }
    }
    const customers = await demo.demoCustomers(db, orgId);
    const who = (await demo.userEmail(db, org.ownerId)) ?? 'system';
    const day = 86_400_000;
    const now = Date.now();
    const rr: Record<string, number> = {};
    const seq = new Map<number, number>();
    // Written straight into the tables (one INSERT per case and one for its timeline): the
    // service path costs ~15 statements per change, too slow for first start on PGlite.
    for (const [i, plan] of PLAN.entries()) {
      const story = one(STORIES);
      const branch = one(BRANCHES);
      const channel = CHANNELS[i % CHANNELS.length] as (typeof CHANNELS)[number];
      const cu = i % 9 === 0 ? customers[i % 4] : one(customers);
      const closedLike = plan.includes('closed') || plan === 'rejected';
      const ageDays = closedLike ? 15 + rand() * 105 : 1 + rand() * 20;
      const received = now - ageDays * day;
      const span = Math.min(ageDays - 0.5, 2 + rand() * 25) * day;
      const staff = staffOf[branch] ?? [];
      const involved = rand() < 0.12 && staff[1] ? [staff[1]] : [];
      // impartial: never the staff involved nor their manager (the branch's first agent)
      const eligible = involved.length ? [] : staff;
      const k = (rr[branch] ?? 0) + 1;
      rr[branch] = k;
      const assignee = eligible.length ? (eligible[k % eligible.length] as string) : null;
      const steps: string[] = ['acknowledged', 'assessed'];
      if (plan === 'rejected') steps.push('rejected');
      else if (!['received', 'acknowledged', 'assessed'].includes(plan)) {
        steps.push('investigating', 'note');
        if (plan !== 'investigating') steps.push('response');
        if (plan === 'closed' || plan === 'reopened_closed') steps.push('closed');
        if (plan === 'reopened_closed') steps.push('reopened', 'response', 'closed');
      }
      const upTo = { received: 0, acknowledged: 1, assessed: 2 }[plan as 'received'];
      const done = upTo === undefined ? steps : steps.slice(0, upTo);
      const times = done.map((_, j) => new Date(received + (span * (j + 1)) / done.length));
      const at = (kind: string) => {
        const idx = done.lastIndexOf(kind);
        return idx < 0 ? null : (times[idx] as Date).toISOString();
      };
      const firstAt = (kind: string) => {
        const idx = done.indexOf(kind);
        return idx < 0 ? null : (times[idx] as Date).toISOString();
      };
      const year = new Date(received).getUTCFullYear();
      const n = (seq.get(year) ?? 0) + 1;
      seq.set(year, n);
      const causeId = done.includes('closed')
        ? ((rand() < 0.75
            ? cause.get(story[3])
            : cause.get(one(CAUSES.filter((x) => x[1]))[0])) as string)
        : null;
      const refund = story[4] === 'refund' || story[4] === 'compensation';
      const remedies = done.includes('response')
        ? [
            { type: 'apology' },
            ...(refund
              ? [
                  {
                    type: story[4],
                    amountCents: 500 + Math.floor(rand() * 60) * 100,
                    currency: 'EUR',
                  },
                ]
              : []),
          ]
        : [];
      const status = plan === 'reopened_closed' ? 'closed' : plan;
      const rated = closedLike && rand() < 0.6;
      const rating = rated
        ? plan === 'rejected'
          ? 1 + Math.floor(rand() * 2)
          : plan === 'reopened_closed'
            ? 2 + Math.floor(rand() * 2)
            : 3 + Math.floor(rand() * 3)
        : null;
      const closedAt = closedLike ? at(plan === 'rejected' ? 'rejected' : 'closed') : null;
      // the customer rates through their link a couple of days after closing (never in the future)
      const ratedAt =
        rating === null || !closedAt
          ? null
          : new Date(Math.min(Date.parse(closedAt) + 2 * day, Date.now())).toISOString();
      const ratingComment =
        rating === null
          ? null
          : rating >= 4
            ? 'Me atendieron bien y rápido.'
            : 'Tardaron demasiado en resolverlo.';
      const id = await demo.insertDemoCase(db, orgId, {
        reference: formatReference(year, n),
        channel,
        form: rand() < 0.15 ? 'avoidable' : rand() < 0.1 ? 'trivial' : 'complaint',
        status,
        subject: story[1],
        description: story[2],
        categoryId: cat.get(story[0]) ?? null,
        servqualDimension: CATEGORIES.find((x) => x[0] === story[0])?.[2] ?? null,
        severity: one(SEVERITIES),
        remedySought: [story[4]],
        customerId: cu?.id ?? null,
        contactName: cu?.name ?? null,
        contactEmail: cu?.email ?? null,
        unitId: org.units[branch] ?? null,
        staffInvolved: involved,
        assigneeId: assignee,
        customerToken: randomToken(24),
        expectedResponseBy: new Date(received + 10 * day).toISOString(),
        acknowledgedAt: at('acknowledged'),
        firstResponseAt: firstAt('response'),
        respondedAt: at('response'),
        rejectReason: plan === 'rejected' ? REJECT : null,
        recourse: plan === 'rejected' ? RECOURSE : null,
        responseText: done.includes('response') ? RESPONSE : null,
        remedies: JSON.stringify(remedies),
        causeId,
        fiveWhys: causeId
          ? [`¿Por qué ocurrió? ${story[3]}`, '¿Por qué no se detectó? Falta de control previo']
          : [],
        closedAt,
        reopenCount: plan === 'reopened_closed' ? 1 : 0,
        rating,
        ratingComment,
        ratedAt,
        receivedAt: new Date(received).toISOString(),
        serviceAttribute: SERVICE_ATTRIBUTE[story[0]] ?? null,
      });
      // timeline: created, assignment, then each step
      const rows: demo.TDemoEvent[] = [
        [
          new Date(received),
          null,
          'system',
          'created',
          'customer',
          null,
          'received',
          null,
          { channel },
        ],
      ];
      if (assignee) {
        rows.push([
          new Date(received + 60_000),
          null,
          'system',
          'assigned',
          'internal',
          null,
          null,
          null,
          { to: assignee, strategy: 'round_robin' },
        ]);
      }
      let prev = 'received';
      for (const [j, step] of done.entries()) {
        const t = times[j] as Date;
        if (step === 'note') {
          rows.push([t, org.ownerId, who, 'note', 'internal', null, null, NOTE, {}]);
          continue;
        }
        const to = step === 'response' ? 'responded' : step;
        const kind = step === 'response' ? 'response' : step === 'closed' ? 'closed' : 'status';
        const body =
          step === 'response'
            ? RESPONSE
            : step === 'rejected'
              ? REJECT
              : step === 'reopened'
                ? REOPEN
                : null;
        rows.push([t, org.ownerId, who, kind, 'customer', prev, to, body, {}]);
        prev = to;
      }
      if (ratedAt) {
        rows.push([
          new Date(ratedAt),
          null,
          'customer',
          'rated',
          'internal',
          null,
          null,
          ratingComment,
          { rating },
        ]);
      }
      await demo.insertDemoEvents(db, orgId, id, rows);
    }
    for (const [year, last] of seq) {
      await demo.insertDemoCounter(db, orgId, year, last);
    }
    // Demo customers are not real: no mail goes out for the seeded history.
    await dropQueued(db, orgId, 'complaint.mail');
    // The cases above were inserted directly (no per-change SLA hook): the org recompute stores
    // their targets, so SLA compliance is right on the first start.
    await queueRecompute(db, orgId, 'demo');
  });
