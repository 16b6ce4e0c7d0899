// Demo data for the strategy workspace (registered in demo/seeders.ts), for Banco Horizonte:
// the bank-branch starter catalogue (attributes + standards, through standards/service), the
// Kano attribute keys registered in that catalogue, a Kano survey and a perceived-value survey
// with answers (through surveys/service, as staff entries), a filled service triangle, value
// models for "Particulares" and "Empresas" with competitors, needs -> attributes for the
// branch customers and the orientation answers. Deterministic (seeded PRNG), idempotent enough
// for a first start (it runs once, on an empty database).
import { randomUUID } from 'node:crypto';
import type { Sql } from '../../db/client';
import type { DemoSeeder } from '../../demo/registry';
import type { AuthContext } from '../../lib/access';
import { ensureAttributes, listAttributes, loadCatalogue } from '../standards/service';
import { ensureSurveyFromTemplate, staffBatch } from '../surveys/service';
import * as repo from './repo';
import * as svc from './service';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KANO_KEYS = [
  {
    key: 'app_movil',
    nameEs: 'Aplicación móvil para operar',
    nameEn: 'Mobile banking app',
    group: 'process' as const,
  },
  {
    key: 'cita_previa',
    nameEs: 'Cita previa con el gestor',
    nameEn: 'Appointments with the adviser',
    group: 'people' as const,
  },
  {
    key: 'horario_tarde',
    nameEs: 'Horario de tarde en la oficina',
    nameEn: 'Afternoon branch hours',
    group: 'process' as const,
  },
];

type TPair = [number, number];
/** Answer pairs that give a Kano category: M (2,5), O (1,5), A (1,3), I (3,3). */
const PAIR: Record<string, TPair> = { M: [2, 5], O: [1, 5], A: [1, 3], I: [3, 3], R: [5, 1] };
function draw(rnd: () => number, mix: [string, number][]): TPair {
  let x = rnd();
  for (const [cat, p] of mix) {
    x -= p;
    if (x <= 0) return PAIR[cat] as TPair;
  }
  return PAIR.I as TPair;
}

/** Active demo customers who accept surveys, of these classes by use (pub_customers). */
async function demoCustomers(db: Sql, orgId: string, classes: string[]): Promise<string[]> {
  return repo.surveyableCustomers(db, orgId, classes);
}

async function seedSurveys(db: Sql, auth: AuthContext, units: Record<string, string>) {
  const rnd = prng(160016);
  const now = Date.now();
  const when = (i: number) => new Date(now - (i % 90) * 86_400_000 - 3_600_000).toISOString();
  const branches = ['madrid-castellana', 'madrid-sol', 'bilbao', 'sevilla'];
  const kano = await ensureSurveyFromTemplate(
    db,
    auth.orgId,
    'kano',
    'Kano: qué esperan los clientes 2026',
    { slug: 'horizonte-kano' },
  );
  const kanoItems = Array.from({ length: 72 }, (_, i) => {
    const [af, ad] = draw(rnd, [
      ['M', 0.55],
      ['O', 0.2],
      ['I', 0.25],
    ]);
    const [cf, cd] = draw(rnd, [
      ['O', 0.5],
      ['A', 0.25],
      ['M', 0.1],
      ['I', 0.15],
    ]);
    const [hf, hd] = draw(rnd, [
      ['A', 0.45],
      ['I', 0.3],
      ['O', 0.15],
      ['R', 0.1],
    ]);
    return {
      id: randomUUID(),
      channel: 'in_person' as const,
      orgUnitId: units[branches[i % branches.length] as string] ?? null,
      respondedAt: when(i),
      status: 'complete' as const,
      answers: {
        kano_app_movil: { functional: af, dysfunctional: ad },
        kano_cita_previa: { functional: cf, dysfunctional: cd },
        kano_horario_tarde: { functional: hf, dysfunctional: hd },
      },
    };
  });
  await staffBatch(db, auth, kano, kanoItems as never, 'es');

  const pv = await ensureSurveyFromTemplate(
    db,
    auth.orgId,
    'perceived_value',
    'Valor percibido clientes particulares 2026',
    { slug: 'horizonte-valor' },
  );
  const clamp = (x: number) => Math.max(1, Math.min(7, Math.round(x)));
  // Respondents are demo customers (a value model counts only its segment's respondents, by
  // their class by use): individuals (end users, the public) and firms (processors, merchants).
  const people = await demoCustomers(db, auth.orgId, ['end_user', 'public']);
  const firms = await demoCustomers(db, auth.orgId, ['processor', 'merchant']);
  const pvItems = Array.from({ length: 64 }, (_, i) => ({
    id: randomUUID(),
    channel: 'phone' as const,
    ...(people.length ? { customerId: people[i % people.length] } : {}),
    orgUnitId: units[branches[i % branches.length] as string] ?? null,
    respondedAt: when(i + 3),
    status: 'complete' as const,
    answers: {
      value: {
        price: clamp(4.6 + (rnd() - 0.5) * 3),
        benefits: {
          functional: clamp(5.6 + (rnd() - 0.5) * 2.5),
          emotional: clamp(5.2 + (rnd() - 0.5) * 2.5),
          // customers hardly notice the fee savings: the benefit to communicate
          economic: clamp(2.8 + (rnd() - 0.5) * 2.5),
        },
        wtp: Math.round(8 + rnd() * 10),
      },
    },
  }));
  // Firms see the price differently: value for money around 3.5, fee savings valued.
  const firmItems = firms.slice(0, 18).map((customerId, i) => ({
    id: randomUUID(),
    channel: 'phone' as const,
    customerId,
    orgUnitId: units[branches[i % branches.length] as string] ?? null,
    respondedAt: when(i + 5),
    status: 'complete' as const,
    answers: {
      value: {
        price: clamp(3.5 + (rnd() - 0.5) * 3),
        benefits: {
          functional: clamp(4.8 + (rnd() - 0.5) * 2.5),
          emotional: clamp(4.4 + (rnd() - 0.5) * 2.5),
          economic: clamp(5.2 + (rnd() - 0.5) * 2),
        },
        wtp: Math.round(35 + rnd() * 20),
      },
    },
  }));
  await staffBatch(db, auth, pv, pvItems as never, 'es');
  if (firmItems.length) await staffBatch(db, auth, pv, firmItems as never, 'es');
  return { kano, pv };
}

export const seedDemoStrategy: DemoSeeder = async (db, org) => {
  const auth: AuthContext = {
    orgId: org.orgId,
    userId: org.ownerId,
    role: 'owner',
    unitId: null,
    email: 'demo',
    via: 'session',
    scopes: [],
  };
  await loadCatalogue(db, { orgId: org.orgId, userId: org.ownerId, email: null }, 'bank_branch');
  await ensureAttributes(
    db,
    org.orgId,
    KANO_KEYS.map((k) => ({ ...k, source: 'kano' })),
  );
  const attrs = new Map((await listAttributes(db, org.orgId)).map((a) => [a.key, a.id]));
  const { pv } = await seedSurveys(db, auth, org.units);

  // ---------------------------------------------------------------- service triangle
  const tri: [
    Parameters<typeof svc.putTriangle>[2],
    number,
    string,
    [string, string][],
    string[],
  ][] = [
    [
      'customer_strategy',
      4,
      'La estrategia 2026 parte de las encuestas SERVQUAL y Kano: la app y la cita previa salen de lo que piden los clientes particulares.',
      [
        ['Informe de brechas SERVQUAL', '/analytics/servqual'],
        ['Resultados Kano', '/analytics/kano'],
      ],
      ['Presentar el modelo de valor de Empresas al comité'],
    ],
    [
      'customer_systems',
      2,
      'El gestor de turnos y la app obligan a repetir datos; la mayoría de reclamaciones por esperas vienen de ahí.',
      [
        ['Informes de reclamaciones', '/complaints/reports'],
        ['NPS y CSAT', '/analytics/nps'],
      ],
      ['Rediseñar la cita previa en la app', 'Unificar el gestor de turnos en todas las oficinas'],
    ],
    [
      'customer_people',
      4,
      'Los gestores conocen a sus clientes; el trato es lo mejor valorado en las encuestas.',
      [['Comentarios de clientes', '/analytics/comments']],
      [],
    ],
    [
      'people_systems',
      2,
      'El personal depende de tres aplicaciones distintas para abrir una cuenta; las incidencias técnicas retrasan la atención.',
      [['Cobertura de estándares', '/standards']],
      ['Formación en el nuevo terminal de caja'],
    ],
    [
      'strategy_systems',
      3,
      'Los sistemas crecen con la estrategia digital, pero los informes de calidad aún se preparan a mano.',
      [['Clientes en riesgo', '/retention/at-risk']],
      ['Automatizar el cuadro de mando mensual'],
    ],
    [
      'strategy_people',
      3,
      'El plan se comunicó a directores; en las oficinas pequeñas no todos conocen sus objetivos de servicio.',
      [['Prioridades de mejora', '/analytics/priorities']],
      ['Reunión trimestral de estrategia en cada oficina'],
    ],
  ];
  for (const [relation, score, assessment, ev, actions] of tri)
    await svc.putTriangle(db, auth, relation, {
      score,
      assessment,
      evidence: ev.map(([label, url]) => ({ label, url })),
      actions: actions.map((text, i) => ({ text, done: i > 0 && score >= 3 })),
    });
  // Two branches assess their own triangle; the others use the whole organisation's.
  const own: [string, [Parameters<typeof svc.putTriangle>[2], number, string, string][]][] = [
    [
      'bilbao',
      [
        [
          'customer_strategy',
          3,
          'La oficina sigue el plan, pero las empresas de la zona piden más asistencia técnica posventa.',
          '/diagnostic',
        ],
        [
          'customer_systems',
          2,
          'Las consultas de uso de la app se atienden en ventanilla: falta información para usar el producto.',
          '/complaints/reports',
        ],
        ['customer_people', 4, 'Equipo estable, conoce a sus clientes.', '/analytics/comments'],
        [
          'people_systems',
          2,
          'El terminal de caja falla a media mañana; sin repuestos en la oficina.',
          '/standards',
        ],
        ['strategy_systems', 3, 'Informes mensuales hechos a mano.', '/analytics/servqual'],
        [
          'strategy_people',
          3,
          'Objetivos de servicio conocidos por el director, poco por el equipo.',
          '/analytics/priorities',
        ],
      ],
    ],
    [
      'madrid-castellana',
      [
        ['customer_people', 5, 'Gestores de empresa muy bien valorados.', '/analytics/comments'],
        [
          'customer_systems',
          3,
          'Cita previa en marcha; la app aún obliga a repetir datos.',
          '/analytics/nps',
        ],
      ],
    ],
  ];
  for (const [unitKey, rows] of own) {
    const unitId = org.units[unitKey];
    if (!unitId) continue;
    for (const [relation, score, assessment, url] of rows)
      await svc.putTriangle(
        db,
        auth,
        relation,
        { score, assessment, evidence: [{ label: 'Evidencia', url }], actions: [] },
        unitId,
      );
  }

  // -------------------------------------------------------------------- value models
  const b = () => randomUUID();
  const [pf1, pf2, pe1, pc1] = [b(), b(), b(), b()];
  await svc.createValueModel(db, auth, {
    id: randomUUID(),
    segment: 'Particulares',
    currency: 'EUR',
    pricePaid: 12,
    surveyId: pv,
    useClasses: ['end_user', 'public'],
    notes: 'Cuota mensual media de la cuenta con servicios (tarjeta, transferencias, gestor).',
    benefits: [
      {
        id: pf1,
        kind: 'functional',
        name: 'Operar desde el móvil sin ir a la oficina',
        moneyValue: 6,
      },
      { id: pf2, kind: 'functional', name: 'Gestor personal con cita previa', moneyValue: 5 },
      {
        id: pe1,
        kind: 'emotional',
        name: 'Tranquilidad y seguridad en las operaciones',
        moneyValue: 4,
      },
      {
        id: pc1,
        kind: 'economic',
        name: 'Ahorro en comisiones y transferencias gratis',
        moneyValue: 9,
      },
    ],
    competitors: [
      {
        id: b(),
        name: 'Banco Digital Uno',
        price: 0,
        values: { [pf1]: 7, [pe1]: 2, [pc1]: 9 },
      },
      {
        id: b(),
        name: 'Caja Tradicional',
        price: 15,
        values: { [pf1]: 3, [pf2]: 6, [pe1]: 5, [pc1]: 4 },
      },
    ],
  });
  const [ef1, ef2, ee1, ec1] = [b(), b(), b(), b()];
  await svc.createValueModel(db, auth, {
    id: randomUUID(),
    segment: 'Empresas',
    currency: 'EUR',
    pricePaid: 45,
    surveyId: pv,
    useClasses: ['processor', 'merchant'],
    notes:
      'Respuestas de las empresas a la encuesta de valor percibido (muestra pequeña); encuesta propia en el segundo trimestre.',
    benefits: [
      {
        id: ef1,
        kind: 'functional',
        name: 'Banca electrónica con firmas múltiples',
        moneyValue: 20,
      },
      { id: ef2, kind: 'functional', name: 'Gestor de empresa dedicado', moneyValue: 25 },
      {
        id: ee1,
        kind: 'emotional',
        name: 'Confianza para financiar el crecimiento',
        moneyValue: 10,
      },
      {
        id: ec1,
        kind: 'economic',
        name: 'Financiación de circulante a tipo preferente',
        moneyValue: 30,
      },
    ],
    competitors: [
      {
        id: b(),
        name: 'Banco Empresas Plus',
        price: 40,
        values: { [ef1]: 20, [ef2]: 15, [ee1]: 8, [ec1]: 25 },
      },
    ],
  });

  // ------------------------------------------------------------ needs -> attributes
  const needs: [string, string, 'stated' | 'real', number, [string, 1 | 3 | 9][]][] = [
    [
      'Jóvenes profesionales',
      'Operar a cualquier hora desde el móvil',
      'stated',
      5,
      [
        ['app_movil', 9],
        ['safe_transactions', 3],
        ['service_timing_info', 1],
      ],
    ],
    [
      'Jóvenes profesionales',
      'No perder tiempo en la oficina',
      'real',
      4,
      [
        ['cita_previa', 9],
        ['app_movil', 3],
        ['horario_tarde', 3],
      ],
    ],
    [
      'Jóvenes profesionales',
      'Entender lo que contrata (comisiones, condiciones)',
      'real',
      4,
      [
        ['product_information', 9],
        ['staff_knowledge', 3],
      ],
    ],
    [
      'Jubilados',
      'Que le atienda una persona de confianza',
      'stated',
      5,
      [
        ['individual_attention', 9],
        ['trust', 9],
        ['willingness_to_help', 3],
      ],
    ],
    [
      'Jubilados',
      'Sentirse seguro con su dinero',
      'real',
      5,
      [
        ['safe_transactions', 9],
        ['trust', 3],
        ['promise_keeping', 3],
      ],
    ],
    [
      'Jubilados',
      'Resolver un problema en una sola visita',
      'real',
      4,
      [
        ['first_contact_resolution', 9],
        ['problem_solving', 9],
        ['complaint_handling', 3],
      ],
    ],
    [
      'Familias',
      'Horario compatible con el trabajo',
      'stated',
      3,
      [
        ['horario_tarde', 9],
        ['cita_previa', 3],
      ],
    ],
    [
      'Familias',
      'Ayuda para usar la banca a distancia',
      'real',
      3,
      [
        ['product_information', 3],
        ['technical_assistance', 9],
        ['app_movil', 3],
      ],
    ],
  ];
  for (const [group, text, kind, importance, links] of needs) {
    const { need } = await svc.createNeed(db, auth, {
      id: randomUUID(),
      segment: 'Particulares',
      customerGroup: group,
      text,
      kind,
      importance,
    });
    for (const [key, strength] of links) {
      const id = attrs.get(key);
      if (id) await svc.setNeedLink(db, auth, need.id, id, strength);
    }
  }
  for (const [group, text, kind, importance, links] of [
    ['Pymes', 'Cobrar y pagar sin desplazarse', 'stated', 5, [['app_movil', 9]]],
    [
      'Pymes',
      'Financiación rápida cuando la necesitan',
      'real',
      5,
      [
        ['service_timing_info', 9],
        ['individual_attention', 3],
      ],
    ],
  ] as [string, string, 'stated' | 'real', number, [string, 1 | 3 | 9][]][]) {
    const { need } = await svc.createNeed(db, auth, {
      id: randomUUID(),
      segment: 'Empresas',
      customerGroup: group,
      text,
      kind,
      importance,
    });
    for (const [key, strength] of links) {
      const id = attrs.get(key);
      if (id) await svc.setNeedLink(db, auth, need.id, id, strength);
    }
  }
  const trust = attrs.get('trust');
  if (trust) await svc.setAttributeType(db, auth, trust, 'basic');

  // ------------------------------------------------------------------- orientation
  const answers: Record<string, [string, [string, string][]]> = {
    who: [
      'Clientes particulares de las oficinas: jóvenes profesionales con nómina, jubilados con pensión domiciliada y familias. Los de mayor valor son los jubilados con ahorro y los profesionales con hipoteca.',
      [['Mejores clientes', '/retention/best']],
    ],
    needs: [
      'Declaran rapidez y comisiones bajas; en realidad necesitan no perder tiempo, sentirse seguros y entender lo que contratan.',
      [['Necesidades → atributos', '/strategy/needs']],
    ],
    service: [
      'Cuenta con tarjeta, transferencias y gestor; atención en oficina, teléfono y app.',
      [['Modelo de valor', '/strategy/value']],
    ],
    expectations: [
      'Esperan que la app funcione siempre (básico) y que el gestor les dé cita en 48 h (esperado). El horario de tarde les sorprendería.',
      [
        ['Resultados Kano', '/analytics/kano'],
        ['Informe de brechas SERVQUAL', '/analytics/servqual'],
      ],
    ],
    meets: [
      'En parte: la brecha mayor está en capacidad de respuesta (esperas en oficina).',
      [
        ['Informe de brechas SERVQUAL', '/analytics/servqual'],
        ['NPS y CSAT', '/analytics/nps'],
      ],
    ],
    process: [
      'Acogida, gestión de turnos, atención del gestor y seguimiento; estándares OF-01 a OF-10.',
      [['Cobertura de estándares', '/standards']],
    ],
    improve: [
      'Tiempo de espera y resolución al primer contacto; comunicar mejor el ahorro en comisiones.',
      [
        ['Prioridades de mejora', '/analytics/priorities'],
        ['Informes de reclamaciones', '/complaints/reports'],
      ],
    ],
    use: [
      'Domicilian nómina y recibos, pagan con tarjeta y consultan saldo a diario en la app.',
      [['Comentarios de clientes', '/analytics/comments']],
    ],
    help: [
      'Talleres de banca a distancia para jubilados, guías breves en la app y asistencia telefónica.',
      [],
    ],
  };
  for (const [question, [answer, ev]] of Object.entries(answers))
    await svc.putOrientation(db, auth, question as 'who', {
      segment: 'Particulares',
      answer,
      evidence: ev.map(([label, url]) => ({ label, url })),
    });
  await svc.putOrientation(db, auth, 'who', {
    segment: 'Empresas',
    answer: 'Pymes y autónomos de la zona de cada oficina, sobre todo comercio y hostelería.',
    evidence: [],
  });
};
