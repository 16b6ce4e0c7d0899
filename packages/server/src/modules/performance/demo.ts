// Demo data for performance and recognition (Banco Horizonte): three recognition rules,
// compliments from customers naming the branch staff the complaints demo created (and a few
// for whole branches), nominations (one approved, one pending), and the rules evaluated for
// the last two months, so the monthly board shows badges and points. Deterministic.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../../db/client';
import type { DemoOrg } from '../../demo/registry';
import { listUsers } from '../users/service';
import { ensureMonthlyJob, evaluate } from './recognition';
import * as repo from './repo';

const TEXTS: [string, string][] = [
  ['Rosa Martín Calvo', 'Me explicó la hipoteca con una paciencia enorme y sin prisas.'],
  ['Andrés Pineda Soto', 'Resolvió el cargo duplicado en el momento, muy profesional.'],
  ['Pilar Garrido Ruiz', 'Siempre me recibe con una sonrisa y me llama por mi nombre.'],
  ['Jorge Lamas Pérez', 'Me ayudó a instalar la aplicación y a activar la tarjeta.'],
  ['Nuria Vidal Ortega', 'Atención impecable, me devolvió la llamada cuando prometió.'],
  ['Luis Benítez Mora', 'Gracias por acompañar a mi madre con el trámite de la pensión.'],
  ['Carmen Roldán Iglesias', 'Muy clara con las comisiones, sin letra pequeña.'],
  ['Víctor Heredia Luna', 'Se quedó diez minutos más para terminar mi transferencia.'],
];
const CHANNELS = ['in_person', 'email', 'phone', 'letter', 'web'] as const;

export async function seedDemoPerformance(db: Sql, org: DemoOrg): Promise<void> {
  const { orgId } = org;
  const now = new Date();
  const month = (back: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  const dayIn = (back: number, d: number) => {
    const m = month(back);
    const today = now.toISOString().slice(0, 10);
    const x = `${m}-${String(d).padStart(2, '0')}`;
    return x > today ? today : x;
  };

  await repo.insertRule(db, orgId, {
    nameEs: 'Servicio ejemplar (cliente misterioso ≥ 90 %)',
    nameEn: 'Exemplary service (mystery shopping ≥ 90 %)',
    metric: 'mystery_score',
    threshold: 90,
    badgeEs: 'Servicio ejemplar',
    badgeEn: 'Exemplary service',
    points: 100,
    active: true,
  });
  await repo.insertRule(db, orgId, {
    nameEs: '3 elogios de clientes en un mes',
    nameEn: '3 customer compliments in a month',
    metric: 'compliments',
    threshold: 3,
    badgeEs: 'Favorito de los clientes',
    badgeEn: "Customers' favourite",
    points: 50,
    active: true,
  });
  await repo.insertRule(db, orgId, {
    nameEs: 'NPS personal ≥ 50 (mínimo 30 respuestas)',
    nameEn: 'Personal NPS ≥ 50 (at least 30 answers)',
    metric: 'nps',
    threshold: 50,
    badgeEs: 'Embajador',
    badgeEn: 'Ambassador',
    points: 80,
    active: true,
  });

  const agents = (await listUsers(db, orgId)).filter(
    (u) => u.role === 'agent' && u.active && u.email.startsWith('agente'),
  );
  if (agents.length === 0) return;
  // Compliments: the first agents of a few branches get 3–4 in the last month (the board's
  // "3 compliments" badge), others one or two; a few go to a branch as a whole.
  const plan: [number, number, number][] = [
    // [agent index, months back, count]
    [0, 1, 4],
    [2, 1, 3],
    [4, 1, 1],
    [6, 1, 2],
    [1, 1, 1],
    [0, 0, 2],
    [3, 0, 3],
    [5, 0, 1],
    [8, 2, 3],
    [9, 2, 1],
  ];
  let k = 0;
  for (const [ai, back, count] of plan) {
    const a = agents[ai % agents.length];
    if (!a) continue;
    for (let i = 0; i < count; i++, k++) {
      const [customer, body] = TEXTS[k % TEXTS.length] as [string, string];
      await repo.insertCompliment(db, orgId, {
        id: randomUUID(),
        unitId: a.unitId,
        staffUserId: a.id,
        customerName: customer,
        body,
        channel: CHANNELS[k % CHANNELS.length] as string,
        receivedOn: dayIn(back, 3 + ((k * 5) % 24)),
        source: 'manual',
        sourceRef: null,
        bodyHash: String(k),
        createdBy: org.ownerId,
      });
    }
  }
  for (const [i, key] of ['madrid-sol', 'bilbao', 'sevilla'].entries()) {
    const unitId = org.units[key];
    if (!unitId) continue;
    await repo.insertCompliment(db, orgId, {
      id: randomUUID(),
      unitId,
      staffUserId: null,
      customerName: TEXTS[(i + 3) % TEXTS.length]?.[0] ?? null,
      body: 'La oficina está impecable y el equipo es muy atento.',
      channel: 'letter',
      receivedOn: dayIn(1, 12 + i),
      source: 'manual',
      sourceRef: null,
      bodyHash: `unit-${i}`,
      createdBy: org.ownerId,
    });
  }

  // Nominations: one approved last month (peer badge + points), one waiting for approval.
  const [first, second, third] = agents;
  if (first && second) {
    const id = randomUUID();
    await repo.insertNomination(db, orgId, {
      id,
      nomineeId: second.id,
      nominatedBy: first.id,
      period: month(1),
      reason: 'Cubrió dos turnos de la oficina durante la campaña de la renta sin una sola queja.',
      points: 30,
    });
    await repo.decideNomination(db, orgId, id, {
      status: 'approved',
      by: org.ownerId,
      note: 'Merecido.',
    });
    await repo.insertAward(db, orgId, {
      userId: second.id,
      period: month(1),
      ruleId: null,
      nominationId: id,
      titleEs: 'Reconocimiento de un compañero',
      titleEn: 'Peer recognition',
      badge: true,
      points: 30,
      value: null,
      n: null,
    });
  }
  if (first && third) {
    await repo.insertNomination(db, orgId, {
      id: randomUUID(),
      nomineeId: first.id,
      nominatedBy: third.id,
      period: month(0),
      reason: 'Formó a los nuevos compañeros en el protocolo de reclamaciones.',
      points: 20,
    });
  }
  for (const back of [2, 1, 0]) await evaluate(db, orgId, month(back));
  await ensureMonthlyJob(db, orgId);
}
