// Demo complaints for Banco Horizonte: category and root-cause trees, two agents per branch
// (the first one managing it), and ~60 Spanish cases across branches, channels and every
// state, run through the real service (timeline, assignment, remedies, root causes, ratings),
// then spread back in time over the last four months. Deterministic (seeded PRNG).
import type { Sql } from '../../db/client';
import type { DemoOrg } from '../../demo/registry';
import { dropQueued } from '../../jobs/queue';
import { randomToken } from '../../lib/crypto';
import { createUser } from '../users/service';
import * as repo from './repo';
import * as cfg from './repo-config';
import { formatReference } from './service';
import { queueRecompute } from './sla/service';

const CATEGORIES: [string, string | null, string][] = [
  ['Comisiones y cobros', null, 'reliability'],
  ['Comisión indebida', 'Comisiones y cobros', 'reliability'],
  ['Cargo duplicado', 'Comisiones y cobros', 'reliability'],
  ['Atención en oficina', null, 'empathy'],
  ['Tiempo de espera', 'Atención en oficina', 'responsiveness'],
  ['Trato recibido', 'Atención en oficina', 'assurance'],
  ['Instalaciones', 'Atención en oficina', 'tangibles'],
  ['Banca digital', null, 'reliability'],
  ['Aplicación móvil', 'Banca digital', 'reliability'],
  ['Transferencias', 'Banca digital', 'responsiveness'],
  ['Tarjetas', null, 'reliability'],
  ['Hipotecas y préstamos', null, 'assurance'],
];
const CAUSES: [string, string | null][] = [
  ['Personas', null],
  ['Falta de formación', 'Personas'],
  ['Falta de personal en oficina', 'Personas'],
  ['Procesos', null],
  ['Procedimiento no definido', 'Procesos'],
  ['Error manual en la operación', 'Procesos'],
  ['Sistemas', null],
  ['Caída del sistema', 'Sistemas'],
  ['Tarifa mal configurada', 'Sistemas'],
  ['Comunicación', null],
  ['Información incompleta al cliente', 'Comunicación'],
];

// [category, subject, description, likely cause, remedy sought]
const STORIES: [string, string, string, string, string][] = [
  [
    'Comisión indebida',
    'Comisión de mantenimiento cobrada',
    'Me han cobrado 30 € de comisión de mantenimiento aunque tengo la nómina domiciliada y me dijeron que estaba exenta.',
    'Tarifa mal configurada',
    'refund',
  ],
  [
    'Cargo duplicado',
    'Recibo de la luz cargado dos veces',
    'El recibo de la compañía eléctrica aparece cargado dos veces el mismo día en mi cuenta.',
    'Error manual en la operación',
    'refund',
  ],
  [
    'Tiempo de espera',
    'Más de una hora esperando en la oficina',
    'Esperé más de una hora para hacer un ingreso; solo había una ventanilla abierta y nadie informaba.',
    'Falta de personal en oficina',
    'apology',
  ],
  [
    'Trato recibido',
    'Trato poco amable del empleado',
    'El empleado que me atendió fue cortante y no me explicó las condiciones del depósito.',
    'Falta de formación',
    'apology',
  ],
  [
    'Instalaciones',
    'Cajero automático fuera de servicio',
    'El cajero de la oficina lleva toda la semana fuera de servicio y no hay aviso.',
    'Procedimiento no definido',
    'redo',
  ],
  [
    'Aplicación móvil',
    'La aplicación no permite entrar',
    'Desde la última actualización la aplicación se cierra al identificarme con huella.',
    'Caída del sistema',
    'explanation',
  ],
  [
    'Transferencias',
    'Transferencia retenida tres días',
    'Una transferencia a mi hija estuvo retenida tres días sin que nadie me avisara.',
    'Información incompleta al cliente',
    'compensation',
  ],
  [
    'Tarjetas',
    'Tarjeta bloqueada en el extranjero',
    'Me bloquearon la tarjeta de viaje en Lisboa y no pude pagar el hotel.',
    'Información incompleta al cliente',
    'compensation',
  ],
  [
    'Hipotecas y préstamos',
    'Retraso en la tasación de la hipoteca',
    'Llevo seis semanas esperando la tasación y corro el riesgo de perder la vivienda.',
    'Procedimiento no definido',
    'explanation',
  ],
  [
    'Comisión indebida',
    'Comisión por ingreso en ventanilla',
    'Me cobraron 2 € por ingresar efectivo en ventanilla porque el cajero no funcionaba.',
    'Tarifa mal configurada',
    'refund',
  ],
  [
    'Tiempo de espera',
    'Nadie atiende el teléfono de la oficina',
    'Llamé diez veces a la oficina y nunca contestan.',
    'Falta de personal en oficina',
    'apology',
  ],
  [
    'Trato recibido',
    'Me insistieron en contratar un seguro',
    'Para concederme el préstamo me insistieron en contratar un seguro que no necesito.',
    'Falta de formación',
    'explanation',
  ],
];

const RESPONSE =
  'Lamentamos lo ocurrido. Hemos revisado su caso con la oficina y le explicamos a continuación la solución.';
const REJECT =
  'Tras revisar la operación, el cargo se ajusta a las condiciones firmadas en el contrato.';
const RECOURSE =
  'Si no está conforme, puede dirigirse al Defensor del Cliente de Banco Horizonte o al Servicio de Reclamaciones del Banco de España.';
const NOTE =
  'Revisado el extracto con el director de la oficina; pendiente de confirmar con operaciones.';
const REOPEN = 'El cliente indica que el problema se ha repetido.';

const CHANNELS = ['web', 'web', 'counter', 'phone', 'email', 'counter', 'web', 'phone'] as const;
const BRANCHES = ['madrid-castellana', 'madrid-sol', 'bilbao', 'oviedo', 'sevilla', 'malaga'];
const SEVERITIES = ['low', 'medium', 'medium', 'high', 'critical'];

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
    const customers = (
      await db.query<{ id: string; name: string; email: string | null }>(
        `SELECT id, name, email FROM pub_customers WHERE org_id = $1 AND kind = 'external' AND email IS NOT NULL
        ORDER BY created_at, id LIMIT 40`,
        [orgId],
      )
    ).rows;
    const owner = await db.query<{ email: string }>('SELECT email FROM pub_users WHERE id = $1', [
      org.ownerId,
    ]);
    const who = owner.rows[0]?.email ?? 'system';
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
      const r = await db.query<{ id: string }>(
        `INSERT INTO complaints (org_id, reference, channel, form, status, subject, description, language,
           category_id, servqual_dimension, severity, remedy_sought, customer_id, contact_name, contact_email,
           unit_id, staff_involved, assignee_id, customer_token, expected_response_by, acknowledged_at,
           first_response_at, responded_at, reject_reason, recourse, response_text, remedies,
           root_category_id, cause_id, five_whys, closed_at, reopen_count, rating, rating_comment, rated_at,
           received_at, service_attribute)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'es', $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
           $19, $20, $21, $22, $23, $24, $25, $26::jsonb, $8, $27, $28, $29, $30, $31, $32, $33, $34, $35)
         RETURNING id`,
        [
          orgId,
          formatReference(year, n),
          channel,
          rand() < 0.15 ? 'avoidable' : rand() < 0.1 ? 'trivial' : 'complaint',
          status,
          story[1],
          story[2],
          cat.get(story[0]) ?? null,
          CATEGORIES.find((x) => x[0] === story[0])?.[2] ?? null,
          one(SEVERITIES),
          [story[4]],
          cu?.id ?? null,
          cu?.name ?? null,
          cu?.email ?? null,
          org.units[branch] ?? null,
          involved,
          assignee,
          randomToken(24),
          new Date(received + 10 * day).toISOString(),
          at('acknowledged'),
          firstAt('response'),
          at('response'),
          plan === 'rejected' ? REJECT : null,
          plan === 'rejected' ? RECOURSE : null,
          done.includes('response') ? RESPONSE : null,
          JSON.stringify(remedies),
          causeId,
          causeId
            ? [`¿Por qué ocurrió? ${story[3]}`, '¿Por qué no se detectó? Falta de control previo']
            : [],
          closedAt,
          plan === 'reopened_closed' ? 1 : 0,
          rating,
          ratingComment,
          ratedAt,
          new Date(received).toISOString(),
          SERVICE_ATTRIBUTE[story[0]] ?? null,
        ],
      );
      const id = r.rows[0]?.id as string;
      // timeline: created, assignment, then each step
      const rows: unknown[][] = [
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
      const params: unknown[] = [orgId, id];
      const values = rows.map((row) => {
        const base = params.length;
        params.push(
          ...row.slice(0, 8).map((v) => (v instanceof Date ? v.toISOString() : v)),
          JSON.stringify(row[8]),
        );
        return `($1, $2, ${Array.from({ length: 8 }, (_, x) => `$${base + x + 1}`).join(', ')}, $${base + 9}::jsonb)`;
      });
      await db.query(
        `INSERT INTO complaint_events (org_id, complaint_id, at, actor_id, actor_label, kind, visibility,
                                       from_status, to_status, body, data)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
    for (const [year, last] of seq) {
      await db.query('INSERT INTO complaint_counters (org_id, year, last) VALUES ($1, $2, $3)', [
        orgId,
        year,
        last,
      ]);
    }
    // Demo customers are not real: no mail goes out for the seeded history.
    await dropQueued(db, orgId, 'complaint.mail');
    // The cases above were inserted directly (no per-change SLA hook): the org recompute stores
    // their targets, so SLA compliance is right on the first start.
    await queueRecompute(db, orgId, 'demo');
  });
