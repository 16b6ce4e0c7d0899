// Demo data of the five-gap diagnostic for one branch (Oficina Bilbao Gran Vía: good on tangibles,
// short on reliability): managers' predictions (gap 1), the staff gap-causes questionnaire, promises (one
// not kept, cited by two complaints) and two accepted actions, one closed. With the SERVQUAL
// answers the surveys demo seeds, the branch's diagnostic shows gaps 1, 4, 5 and the causes
// from its own data (gaps 2 and 3 from the standards and fieldwork demos).
import { randomUUID } from 'node:crypto';
import { SERVQUAL_ITEMS } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { DemoOrg } from '../../demo/registry';
import type { AuthContext } from '../../lib/access';
import * as analytics from '../analytics/service';
import * as complaints from '../complaints/service';
import * as standards from '../standards/service';
import * as surveys from '../surveys/service';
import { createAction, patchAction } from './actions';
import { createPromise, linkComplaint } from './promises';
import * as repo from './repo';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const clamp7 = (x: number) => Math.max(1, Math.min(7, Math.round(x)));

export const BRANCH = 'bilbao';

export async function seedDemoDiagnostic(db: Sql, demo: DemoOrg): Promise<void> {
  const unitId = demo.units[BRANCH];
  if (!unitId) return;
  const auth: AuthContext = {
    orgId: demo.orgId,
    userId: demo.ownerId,
    role: 'owner',
    unitId: null,
    email: 'demo@fidelia.local',
    via: 'session',
    scopes: [],
  };
  const rnd = prng(160016);
  const noise = () => (rnd() + rnd() + rnd() - 1.5) * 1.2;
  const now = Date.now();
  const when = (i: number) => new Date(now - (5 + i * 3) * 86_400_000).toISOString();

  // Gap 1: six managers predict customers' expectations, too low on reliability/responsiveness.
  const manager = await surveys.ensureSurveyFromTemplate(
    db,
    demo.orgId,
    'servqual_manager',
    'Predicciones de directivos 2026',
    { slug: 'horizonte-directivos', settings: { unitId } },
  );
  const under: Record<string, number> = {
    tangibles: 6.1,
    reliability: 4.9,
    responsiveness: 5.0,
    assurance: 5.9,
    empathy: 5.3,
  };
  for (let i = 0; i < 6; i++) {
    await surveys.staffEntry(db, auth, manager, {
      id: randomUUID(),
      channel: 'in_person',
      orgUnitId: unitId,
      respondedAt: when(i),
      answers: {
        sq_m: Object.fromEntries(
          SERVQUAL_ITEMS.map((it) => [`m${it.n}`, clamp7((under[it.dimension] ?? 5.5) + noise())]),
        ),
        weights_predicted: {
          tangibles: 25,
          reliability: 20,
          responsiveness: 20,
          assurance: 20,
          empathy: 15,
        },
      },
      status: 'complete',
    });
  }

  // Gap causes: 14 staff and managers; role conflict and overpromising are the weak spots.
  const causes = await surveys.ensureSurveyFromTemplate(
    db,
    demo.orgId,
    'gap_causes',
    'Causas de las brechas 2026',
    { slug: 'horizonte-causas', settings: { unitId } },
  );
  const level: Record<string, number> = {
    role_conflict: 2.8,
    propensity_to_overpromise: 3.1,
    upward_communication: 3.7,
    technology_job_fit: 4.1,
  };
  // the questionnaire's matrices, as the template built them (rows tagged gapcause:<factor>:<n>)
  const def = (await surveys.getSurvey(db, auth, causes)).definition as {
    pages: { questions: { key: string; type: string; rows?: { key: string; tag?: string }[] }[] }[];
  };
  const matrices = def.pages.flatMap((p) => p.questions).filter((q) => q.type === 'matrix');
  for (let i = 0; i < 14; i++) {
    const answers: Record<string, unknown> = { role: i % 4 === 0 ? 'manager' : 'contact' };
    for (const q of matrices) {
      const rows: Record<string, number> = {};
      for (const row of q.rows ?? []) {
        const factor = row.key.replace(/_\d+$/, '');
        const score = clamp7((level[factor] ?? 5.2) + noise());
        rows[row.key] = row.tag?.endsWith(':r') ? 8 - score : score;
      }
      answers[q.key] = rows;
    }
    await surveys.staffEntry(db, auth, causes, {
      id: randomUUID(),
      channel: 'in_person',
      orgUnitId: unitId,
      respondedAt: when(i),
      answers: answers as never,
      status: 'complete',
    });
  }

  // Gap 4: what the bank promises.
  // linked to the shared attribute catalogue (seeded by the standards demo before this one)
  const attrIds = new Map(
    (await standards.listAttributes(db, auth.orgId)).map((a) => [a.key, a.id] as const),
  );
  const attrs = (...keys: string[]) =>
    keys.flatMap((k) => (attrIds.has(k) ? [attrIds.get(k) as string] : []));
  const since = new Date(now - 365 * 86_400_000).toISOString().slice(0, 10);
  const notKept = await createPromise(db, auth, {
    id: randomUUID(),
    text: 'Resolvemos su gestión a la primera y sin esperas.',
    channel: 'advertising',
    unitId: null,
    validFrom: since,
    servqualItems: [5, 9, 11],
    attributeIds: attrs('first_contact_resolution', 'waiting_time'),
    ownerId: demo.ownerId,
  });
  await createPromise(db, auth, {
    id: randomUUID(),
    text: 'Oficinas modernas, limpias y accesibles.',
    channel: 'website',
    unitId: null,
    validFrom: since,
    servqualItems: [1, 2],
    attributeIds: attrs('equipment', 'facilities'),
    ownerId: demo.ownerId,
  });
  await createPromise(db, auth, {
    id: randomUUID(),
    text: 'Su gestor le llama antes de que venza cualquier producto.',
    channel: 'script',
    unitId,
    validFrom: since,
    servqualItems: [18],
    attributeIds: attrs('individual_attention'),
    ownerId: null,
  });
  const cases = await complaints.listCases(db, auth, {
    unitId,
    sort: 'received',
    dir: 'desc',
    limit: 3,
    offset: 0,
  } as never);
  for (const c of (cases as { items: { id: string }[] }).items.slice(0, 2))
    await linkComplaint(db, auth, notKept.promise.id, c.id);

  await seedAfterSales(db, auth, demo, unitId, since, now);

  // Actions accepted from the ranked list; one closed.
  await createAction(db, auth, {
    id: randomUUID(),
    unitId,
    gap: 3,
    dimension: 'reliability',
    findingKey: 'cause:role_conflict',
    title:
      'Causa de la brecha 3 en Oficina Bilbao Gran Vía: «Conflicto de rol» baja; revisar objetivos comerciales del personal de caja',
    detail: '',
    score: 0.3,
    surveyId: null,
    periodFrom: null,
    periodTo: null,
    baselineGap: null,
    ownerId: demo.ownerId,
    dueOn: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
  });
  const sq = (await surveys.listSurveys(db, auth)).items.find((s) => s.template === 'servqual');
  const before = sq
    ? await analytics.servqualReport(db, auth, sq.id, {
        unitId,
        to: new Date(now - 90 * 86_400_000).toISOString().slice(0, 10),
      })
    : null;
  const closed = await createAction(db, auth, {
    id: randomUUID(),
    unitId,
    gap: 4,
    dimension: 'reliability',
    findingKey: `gap4:${notKept.promise.id}`,
    title: 'Brecha 4 en Oficina Bilbao Gran Vía: revisar el anuncio «a la primera y sin esperas»',
    detail: 'Cambiar el texto de la campaña y avisar al personal de oficina antes de publicarla.',
    score: 0.5,
    surveyId: sq?.id ?? null,
    periodFrom: null,
    periodTo: null,
    baselineGap: before?.dimensions.find((d) => d.dimension === 'reliability')?.gap ?? null,
    ownerId: demo.ownerId,
    dueOn: new Date(now - 80 * 86_400_000).toISOString().slice(0, 10),
  });
  await patchAction(db, auth, closed.action.id, { status: 'done' });
  await repo.backdateClosing(db, demo.orgId, closed.action.id, new Date(now - 90 * 86_400_000));
}

/**
 * After-sales at the branch: two standards (how to use the product, technical
 * assistance of the cash machine), a promise that cites the product information, and three
 * complaints at the branch citing after-sales attributes (by catalogue id). No audit covers
 * these standards yet and no survey measures the information attribute: the diagnostic's
 * after-sales section says so.
 */
async function seedAfterSales(
  db: Sql,
  auth: AuthContext,
  demo: DemoOrg,
  unitId: string,
  since: string,
  now: number,
) {
  const attr = new Map(
    (await standards.listAttributes(db, auth.orgId)).map((a) => [a.key, a.id] as const),
  );
  const moments = new Map((await standards.listMoments(db, auth.orgId)).map((m) => [m.key, m.id]));
  const info = attr.get('product_information');
  const tech = attr.get('technical_assistance');
  const infoMoment = moments.get('information');
  const techMoment = moments.get('technical_assistance');
  if (!info || !tech || !infoMoment || !techMoment) return;
  await standards.createStandard(db, auth, {
    id: randomUUID(),
    code: 'PV-01',
    momentId: infoMoment,
    nameEs: 'Explicar al contratar cómo se usa la banca móvil',
    nameEn: 'Explain how to use mobile banking when the product is taken out',
    attributeId: info,
    dimension: 'assurance',
    servqualItems: [16],
    measureKind: 'yesno',
    ownerRole: 'Gestor comercial',
    promisedLevel: 6,
  });
  await standards.createStandard(db, auth, {
    id: randomUUID(),
    code: 'PV-02',
    momentId: techMoment,
    nameEs: 'Avería del cajero automático atendida en menos de 24 horas',
    nameEn: 'Cash-machine fault attended within 24 hours',
    attributeId: tech,
    dimension: 'reliability',
    servqualItems: [7],
    measureKind: 'number',
    targetMax: 24,
    uomEs: 'horas',
    uomEn: 'hours',
    ownerRole: 'Director de oficina',
    promisedLevel: 6,
  });
  const taught = await createPromise(db, auth, {
    id: randomUUID(),
    text: 'En su primera visita le enseñamos a usar la banca móvil y la tarjeta.',
    channel: 'staff',
    unitId,
    validFrom: since,
    servqualItems: [16],
    attributeIds: [info],
    ownerId: demo.ownerId,
  });
  const stories: [string, string, string][] = [
    [
      tech,
      'Cajero averiado tres días',
      'El cajero automático de la oficina de Gran Vía lleva tres días sin funcionar y nadie sabe cuándo lo arreglan.',
    ],
    [
      tech,
      'Cajero sin reparar',
      'Otra vez el cajero fuera de servicio; el técnico no ha venido y tengo que ir a otra oficina.',
    ],
    [
      info,
      'No me explicaron la app',
      'Contraté la cuenta y nadie me explicó cómo activar la banca móvil; he tenido que volver dos veces.',
    ],
  ];
  for (const [i, [serviceAttributeId, subject, description]] of stories.entries()) {
    const c = await complaints.createCase(db, complaints.systemActor(auth.orgId), {
      channel: 'counter',
      subject,
      description,
      unitId,
      serviceAttributeId,
      severity: 'medium',
      receivedAt: new Date(now - (12 + i * 9) * 86_400_000),
      notify: false,
    });
    if (serviceAttributeId === info) await linkComplaint(db, auth, taught.promise.id, c.case.id);
  }
}
