// Demo surveys for Banco Horizonte (registered in demo/seeders.ts): a relational NPS survey and
// a full SERVQUAL survey, each with a few hundred realistic Spanish responses across the demo
// branches and channels over the last six months. Deterministic (seeded PRNG).
import { randomUUID } from 'node:crypto';
import { SERVQUAL_DIMENSIONS, SERVQUAL_ITEMS } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { DemoSeeder } from '../../demo/registry';
import * as customers from '../customers/service';
import * as repo from './repo';
import * as sql from './repo-demo';
import { ensureSurveyFromTemplate } from './service';
import { storeResponse } from './submit';
import { systemAuth } from './tokens';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANCHES: [key: string, quality: number][] = [
  ['madrid-castellana', 0.6],
  ['madrid-sol', -0.4],
  ['bilbao', 0.9],
  ['oviedo', 0.3],
  ['sevilla', -0.8],
  ['malaga', 0.1],
];

const PROMOTER = [
  'Mi gestora siempre me atiende con mucha amabilidad.',
  'Rápidos y resolutivos, da gusto.',
  'La app funciona muy bien y en la oficina me conocen.',
  'Me resolvieron la hipoteca en tiempo récord.',
  'Trato cercano y profesional.',
];
const PASSIVE = [
  'Correcto, sin más.',
  'Bien en general, aunque las comisiones son altas.',
  'La atención es buena pero hay que esperar mucho.',
  '',
];
const DETRACTOR = [
  'Esperé más de 40 minutos para una gestión sencilla.',
  'Me cobraron una comisión que nadie me explicó.',
  'Nunca cogen el teléfono en la oficina.',
  'Cambiaron a mi gestor sin avisar y nadie sabe nada de mi expediente.',
  'La transferencia tardó tres días y nadie me dio una explicación.',
];

const CHANNELS = ['web', 'email', 'email', 'qr', 'kiosk', 'phone', 'postal', 'in_person'] as const;
const STAFF = new Set(['phone', 'postal', 'in_person']);
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

export const seedDemoSurveys: DemoSeeder = async (db: Sql, demo) => {
  const rnd = prng(20260401);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const gauss = () => {
    const u = Math.max(rnd(), 1e-9);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const { orgId, units } = demo;
  const agentIds = await sql.demoAgentIds(db, orgId);
  const page = await customers.list(db, systemAuth(orgId), { sort: 'createdAt', limit: 200 });
  const known = page.items.filter((c) => c.kind === 'external' && c.status === 'active');
  const now = Date.now();

  const nps = await ensureSurveyFromTemplate(db, orgId, 'nps_relational', 'NPS relacional 2026', {
    slug: 'horizonte-nps',
    settings: { unitId: units.hq ?? null },
  });
  const sq = await ensureSurveyFromTemplate(db, orgId, 'servqual', 'SERVQUAL oficinas 2026', {
    slug: 'horizonte-servqual',
  });
  const csat = await ensureSurveyFromTemplate(db, orgId, 'csat_transactional', 'CSAT tras visita', {
    slug: 'horizonte-csat',
    settings: { kiosk: true },
  });
  const npsRow = (await repo.getSurvey(db, orgId, nps)) as repo.TSurveyRow;
  const sqRow = (await repo.getSurvey(db, orgId, sq)) as repo.TSurveyRow;

  const meta = (quality: number) => {
    const [branch, q] = pick(BRANCHES);
    const channel = pick(CHANNELS);
    const customer = rnd() < 0.35 && known.length ? pick(known) : null;
    const when = new Date(now - Math.floor(rnd() * 180) * 86_400_000 - Math.floor(rnd() * 8e7));
    return {
      q: q + quality,
      unitId: units[branch] ?? null,
      channel,
      customerId: customer?.id ?? null,
      enteredBy: STAFF.has(channel) ? pick(agentIds) : null,
      submittedAt: when.toISOString(),
    };
  };

  // NPS: 320 responses; branch quality shifts the score distribution.
  for (let i = 0; i < 320; i++) {
    const m = meta(0);
    const score = clamp(7.6 + m.q * 1.4 + gauss() * 2.1, 0, 10);
    const reason = score >= 9 ? pick(PROMOTER) : score >= 7 ? pick(PASSIVE) : pick(DETRACTOR);
    const answers: Record<string, number | string> = {
      nps: score,
      satisfaction: clamp(score + gauss() * 0.8, 0, 10),
    };
    if (reason) answers.reason = reason;
    await store(db, npsRow, m, answers);
  }

  // SERVQUAL: 180 responses. Expectations high; perceptions below them, most in reliability
  // and responsiveness, and lower at weaker branches.
  const gapByDim: Record<string, number> = {
    tangibles: -0.3,
    reliability: -1.3,
    responsiveness: -1.1,
    assurance: -0.6,
    empathy: -0.8,
  };
  for (let i = 0; i < 180; i++) {
    const m = meta(0);
    const person = gauss() * 0.4;
    const sqE: Record<string, number> = {};
    const sqP: Record<string, number> = {};
    for (const it of SERVQUAL_ITEMS) {
      const e = clamp(6.2 + person + gauss() * 0.6, 1, 7);
      sqE[`e${it.n}`] = e;
      sqP[`p${it.n}`] = clamp(e + (gapByDim[it.dimension] ?? 0) + m.q * 0.7 + gauss() * 0.8, 1, 7);
    }
    // 100 points: reliability matters most (as in PZB's studies), noise per respondent.
    const base = [11, 32, 22, 19, 16].map((w) => Math.max(1, w + gauss() * 4));
    const total = base.reduce((a, b) => a + b, 0);
    const pts = base.map((w) => Math.round((w / total) * 100));
    pts[1] = (pts[1] ?? 0) + 100 - pts.reduce((a, b) => a + b, 0);
    const weights = Object.fromEntries(SERVQUAL_DIMENSIONS.map((d, k) => [d, pts[k] ?? 0]));
    const answers: Record<string, unknown> = { sq_e: sqE, sq_p: sqP, weights };
    if (rnd() < 0.3) answers.comment = m.q < 0 ? pick(DETRACTOR) : pick(PROMOTER);
    await store(db, sqRow, m, answers as Record<string, number>);
  }
  await sql.backdateDemoResponses(db, orgId, [nps, sq], '4 minutes');
  await seedCsatAndInternal(db, demo, csat, known, agentIds, now);
};

// CSAT after a visit (240 answers, kiosk/QR/web at the branches) and the internal customer
// survey (the branches rate the central teams that serve them: 150 answers). A PRNG of their
// own, so the NPS and SERVQUAL answers above stay what they were.
const SERVING: [key: string, quality: number][] = [
  ['atencion', 0.5],
  ['castellana-empresas', -0.6],
  ['castellana-particulares', 0.2],
];
const CSAT_COMMENTS = {
  good: ['Me atendieron enseguida.', 'Muy amables en la oficina.', 'Todo resuelto a la primera.'],
  bad: ['Demasiada espera.', 'Tuve que volver otro día.', 'Nadie supo explicarme la comisión.'],
};

async function seedCsatAndInternal(
  db: Sql,
  demo: Parameters<DemoSeeder>[1],
  csat: string,
  known: { id: string }[],
  agentIds: string[],
  now: number,
) {
  const { orgId, units } = demo;
  const rnd = prng(20261115);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const gauss = () => {
    const u = Math.max(rnd(), 1e-9);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const when = (days: number) =>
    new Date(now - Math.floor(rnd() * days) * 86_400_000 - Math.floor(rnd() * 8e7)).toISOString();
  const csatRow = (await repo.getSurvey(db, orgId, csat)) as repo.TSurveyRow;
  for (let i = 0; i < 240; i++) {
    const [branch, q] = pick(BRANCHES);
    const channel = pick(['kiosk', 'kiosk', 'qr', 'web', 'in_person'] as const);
    const score = clamp(3.9 + q * 0.9 + gauss() * 0.9, 1, 5);
    const answers: Record<string, unknown> = {
      csat: score,
      effort: clamp(score * 1.3 + gauss() * 0.9, 1, 7),
      resolved:
        score >= 4
          ? 'yes'
          : score === 3
            ? pick(['yes', 'partly'] as const)
            : pick(['partly', 'no'] as const),
    };
    if (rnd() < 0.25) answers.comment = pick(score >= 4 ? CSAT_COMMENTS.good : CSAT_COMMENTS.bad);
    const customer = rnd() < 0.3 && known.length ? pick(known) : null;
    await store(
      db,
      csatRow,
      {
        unitId: units[branch] ?? null,
        channel,
        customerId: customer?.id ?? null,
        enteredBy: channel === 'in_person' ? pick(agentIds) : null,
        submittedAt: when(120),
      },
      answers,
    );
  }
  const internal = await ensureSurveyFromTemplate(
    db,
    orgId,
    'internal_customer',
    'Cliente interno 2026',
    { slug: 'horizonte-interno' },
  );
  const intRow = (await repo.getSurvey(db, orgId, internal)) as repo.TSurveyRow;
  const nameOf = await sql.demoUnitNames(db, orgId);
  for (let i = 0; i < 150; i++) {
    const [branch, bq] = pick(BRANCHES);
    const [team, tq] = pick(SERVING);
    const level = 3.6 + tq + bq * 0.3;
    const item = () => clamp(level + gauss() * 0.8, 1, 5);
    const answers: Record<string, unknown> = {
      provider: nameOf.get(units[team] ?? '') ?? team,
      internal: {
        timeliness: item(),
        accuracy: item(),
        communication: item(),
        helpfulness: item(),
      },
      csat: clamp(level + gauss() * 0.7, 1, 5),
    };
    await store(
      db,
      intRow,
      {
        unitId: units[branch] ?? null,
        channel: 'email',
        customerId: null,
        enteredBy: null,
        submittedAt: when(90),
      },
      answers,
    );
  }
  await sql.backdateDemoResponses(db, orgId, [csat, internal], '3 minutes');
}

async function store(
  db: Sql,
  s: repo.TSurveyRow,
  m: {
    unitId: string | null;
    channel: string;
    customerId: string | null;
    enteredBy: string | null;
    submittedAt: string;
  },
  answers: Record<string, unknown>,
) {
  const id = randomUUID();
  await storeResponse(db, s, {
    id,
    status: 'complete',
    language: 'es',
    answers: answers as never,
    channel: m.channel,
    customerId: m.customerId,
    orgUnitId: m.unitId,
    enteredBy: m.enteredBy,
    invitationId: null,
    deviceKey: null,
    startedAt: null,
    submittedAt: m.submittedAt,
    page: null,
    raw: { id, status: 'complete', language: 'es', answers },
    duplicates: 'off',
  });
}
