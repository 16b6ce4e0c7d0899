// Demo data for the panels module (registered in demo/seeders.ts): Banco Horizonte's customer
// panel recruited from the demo registry (consenting customers with an e-mail, segments
// Particulares / Empresas), a saved quota sample, a focus group held three weeks ago with
// attendance, notes, a transcript and insights (linked to the strategy workspace's needs when
// they exist), incentives for the attendees, and an upcoming in-depth interview with invitations.
// No mail is sent (rows only, no jobs). Deterministic. Its own SQL is in repo-demo.ts.
import type { Sql } from '../../db/client';
import type { DemoSeeder } from '../../demo/registry';
import { sha256 } from '../../lib/crypto';
import * as repo from './repo';
import * as demo from './repo-demo';
import { drawSample } from './sample';

const DAY = 86_400_000;

const NOTES = `Moderadora: ¿Qué es lo primero que os viene a la cabeza cuando pensáis en ir a la oficina?
Participante 1: La espera. Pido número y a veces son veinte minutos para una gestión de dos.
Participante 2: A mí me tratan muy bien, el gestor me conoce, pero cuesta conseguir cita.
Participante 3: En la app hago casi todo; voy a la oficina solo si hay un problema, y entonces quiero que me lo resuelvan a la primera.
Moderadora: ¿Y cuando hay una comisión que no esperabais?
Participante 1: Nadie te la explica. Te enteras por el extracto.
Participante 4: Que avisen antes. No es tanto el importe como la sorpresa.`;

const INSIGHTS: Array<{
  theme: string;
  quote: string;
  segment: string;
  gap: number | null;
  needKind: 'stated' | 'real';
  needMatch: RegExp;
  /** key in the shared service attribute catalogue (standards), when it is there */
  attr: string;
}> = [
  {
    theme: 'espera',
    quote: 'Pido número y a veces son veinte minutos para una gestión de dos.',
    segment: 'Particulares',
    gap: 3,
    needKind: 'stated',
    needMatch: /rapid|esper|tiempo/i,
    attr: 'waiting_time',
  },
  {
    theme: 'espera',
    quote: 'Cuesta conseguir cita con mi gestor.',
    segment: 'Particulares',
    gap: 3,
    needKind: 'stated',
    needMatch: /rapid|esper|tiempo|cita/i,
    attr: 'waiting_time',
  },
  {
    theme: 'trato',
    quote: 'El gestor me conoce y me trata muy bien.',
    segment: 'Particulares',
    gap: null,
    needKind: 'real',
    needMatch: /trato|atenci|personal/i,
    attr: 'individual_attention',
  },
  {
    theme: 'resolución',
    quote: 'Si voy a la oficina quiero que me lo resuelvan a la primera.',
    segment: 'Empresas',
    gap: 4,
    needKind: 'real',
    needMatch: /resol|primera|solucion/i,
    attr: 'first_contact_resolution',
  },
  {
    theme: 'comisiones',
    quote: 'Nadie te explica la comisión; te enteras por el extracto.',
    segment: 'Particulares',
    gap: 4,
    needKind: 'real',
    needMatch: /comisi|transpar|claridad/i,
    attr: 'printed_materials',
  },
  {
    theme: 'comisiones',
    quote: 'Que avisen antes: no es tanto el importe como la sorpresa.',
    segment: 'Empresas',
    gap: 2,
    needKind: 'stated',
    needMatch: /comisi|transpar|claridad|aviso/i,
    attr: 'service_timing_info',
  },
];

export const seedDemoPanels: DemoSeeder = async (db: Sql, org) => {
  const customers = await demo.demoRecruits(db, org.orgId);
  if (customers.length < 8) return;
  const panelId = await repo.insertPanel(db, org.orgId, {
    name: 'Panel de clientes Banco Horizonte',
    description:
      'Clientes particulares y empresas que colaboran en estudios cualitativos sobre la atención en oficina y los canales digitales.',
    kind: 'external',
    consentText:
      'Acepto participar en estudios del panel (grupos focales, entrevistas y encuestas) y que Banco Horizonte trate mis opiniones con fines de mejora del servicio. Puedo darme de baja en cualquier momento.',
    signupSlug: 'panel-banco-horizonte',
    createdBy: org.ownerId,
  });
  const segmentOf = (u: string | null) =>
    u === 'processor' || u === 'merchant' ? 'Empresas' : 'Particulares';
  const memberIds = await repo.insertMembers(
    db,
    org.orgId,
    panelId,
    customers.map((c, i) => ({
      customerId: c.id,
      name: c.name,
      email: c.email,
      kind: c.kind,
      segment: segmentOf(c.use_class),
      useClass: c.use_class,
      tier: c.tier,
      demographics: { edad: ['18-34', '35-54', '55+'][i % 3] as string },
      language: c.language === 'en' ? 'en' : 'es',
      source: 'registry',
      status: 'active',
      consentText: 'Acepto participar en estudios del panel.',
      optinHash: null,
    })),
  );
  // one member who withdrew, one pending public sign-up
  if (memberIds[memberIds.length - 1])
    await repo.withdrawMember(db, org.orgId, memberIds[memberIds.length - 1] as string);
  await repo.insertMembers(db, org.orgId, panelId, [
    {
      customerId: null,
      name: 'Rocío Prieto Lozano',
      email: 'rocio.prieto@correo.es',
      kind: 'external',
      segment: null,
      useClass: null,
      tier: null,
      demographics: {},
      language: 'es',
      source: 'signup',
      status: 'pending',
      consentText: 'Acepto participar en estudios del panel.',
      optinHash: sha256(`demo-optin-${panelId}`),
    },
  ]);
  const members = (await repo.listMembers(db, org.orgId, panelId)).filter(
    (m) => m.status === 'active',
  );
  const quotas = [
    { field: 'segment', value: 'Particulares', target: 5 },
    { field: 'segment', value: 'Empresas', target: 3 },
  ];
  const draw = drawSample(members, 8, quotas, 20260101);
  const sampleId = await repo.insertSample(db, org.orgId, {
    panelId,
    seed: 20260101,
    size: 8,
    quotas,
    memberIds: draw.members.map((m) => m.id),
    fill: draw.fill,
    createdBy: org.ownerId,
  });

  // A past focus group.
  const past = new Date(Date.now() - 21 * DAY);
  past.setUTCHours(17, 0, 0, 0);
  const sessionId = await repo.insertSession(db, org.orgId, panelId, {
    kind: 'focus_group',
    topic: 'La experiencia en la oficina',
    guide: [
      { text: '¿Qué es lo primero que pensáis al ir a la oficina?' },
      { text: '¿Cuánto esperáis para ser atendidos y qué os parece?', servqualItem: 14 },
      { text: '¿Cómo os explican las comisiones?', servqualItem: 5 },
    ],
    startsAt: past.toISOString(),
    place: 'Oficina Madrid Castellana',
    videoUrl: '',
    moderatorId: org.ownerId,
    recording: true,
    createdBy: org.ownerId,
  });
  await repo.insertInvites(
    db,
    org.orgId,
    sessionId,
    draw.members.map((m) => ({ memberId: m.id, tokenHash: sha256(`demo-${sessionId}-${m.id}`) })),
  );
  const attendees = draw.members.slice(0, 6);
  for (const m of draw.members) {
    const came = attendees.includes(m);
    await repo.answerInvite(db, org.orgId, sessionId, m.id, came ? 'yes' : 'no', came);
    if (came) await repo.setAttendance(db, org.orgId, sessionId, m.id, true);
  }
  await repo.markContacted(
    db,
    org.orgId,
    draw.members.map((m) => m.id),
  );
  const noteId = await repo.insertNote(db, org.orgId, sessionId, {
    kind: 'transcript',
    fileName: 'grupo-focal-oficina.txt',
    body: NOTES,
    themes: ['espera', 'trato', 'comisiones'],
    authorId: org.ownerId,
  });
  await repo.insertNote(db, org.orgId, sessionId, {
    kind: 'typed',
    fileName: null,
    body: 'Consenso claro: la espera y la falta de aviso de comisiones pesan más que el trato, que se valora bien. Las empresas piden resolver a la primera.',
    themes: ['espera', 'comisiones'],
    authorId: org.ownerId,
  });
  const needs = await demo.demoNeeds(db, org.orgId);
  const attributes = await demo.demoAttributes(db, org.orgId);
  for (const [i, x] of INSIGHTS.entries()) {
    const who = attendees[i % attendees.length] as (typeof attendees)[number];
    const need = needs.find((n) => x.needMatch.test(n.text));
    await repo.insertInsight(db, org.orgId, sessionId, {
      noteId,
      memberId: who.id,
      customerId: who.customer_id,
      theme: x.theme,
      quote: x.quote,
      segment: x.segment,
      needId: need?.id ?? null,
      needKind: need ? x.needKind : null,
      attributeId: attributes.find((a) => a.key === x.attr)?.id ?? null,
      gap: x.gap,
      createdBy: org.ownerId,
    });
  }
  for (const [i, m] of attendees.entries()) {
    await repo.insertIncentive(db, org.orgId, {
      id: `00000000-0000-4000-8000-${String(900000000000 + i)}`,
      memberId: m.id,
      customerId: m.customer_id,
      sessionId,
      kind: 'voucher',
      amount: 30,
      note: 'Vale regalo por el grupo focal',
      createdBy: org.ownerId,
    });
  }

  // An upcoming in-depth interview with pending invitations.
  const next = new Date(Date.now() + 10 * DAY);
  next.setUTCHours(10, 0, 0, 0);
  const nextId = await repo.insertSession(db, org.orgId, panelId, {
    kind: 'interview',
    topic: 'Banca digital para empresas',
    guide: [{ text: '¿Qué gestiones haces en la app y cuáles no?' }],
    startsAt: next.toISOString(),
    place: '',
    videoUrl: 'https://meet.bancohorizonte.es/entrevista-empresas',
    moderatorId: org.ownerId,
    recording: false,
    createdBy: org.ownerId,
  });
  const others = members
    .filter((m) => !draw.members.includes(m) && m.segment === 'Empresas')
    .slice(0, 3);
  await repo.insertInvites(
    db,
    org.orgId,
    nextId,
    others.map((m) => ({ memberId: m.id, tokenHash: sha256(`demo-${nextId}-${m.id}`) })),
  );
  void sampleId;
};
