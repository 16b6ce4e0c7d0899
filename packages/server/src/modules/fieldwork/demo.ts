// Demo fieldwork for Banco Horizonte: a bank-branch checklist, a mystery shopper (role
// `shopper`, random password like every demo user: the owner sets one from Administración →
// Usuarios, see docs/fieldwork.md), internal audits and mystery visits at the demo branches over
// the last three months (one competitor outlet), a critical failure with an overdue corrective
// action, and two visits still assigned to the shopper. All through the module's own service
// (same scorer, same actions). Deterministic.
import { createHash } from 'node:crypto';
import type { TChecklistInput } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { DemoOrg } from '../../demo/registry';
import type { AuthContext } from '../../lib/access';
import { randomToken } from '../../lib/crypto';
import { createUser } from '../users/service';
import * as repo from './repo';
import * as svc from './service';
import { standardIdsByCode } from './standards-link';

export const DEMO_SHOPPER_EMAIL = 'cliente.misterioso@bancohorizonte.es';

const CHECKLIST: TChecklistInput = {
  name: 'Visita a oficina bancaria',
  description:
    'Estándares de atención en oficina: acogida, tangibles, proceso de la operación y posventa.',
  items: [
    {
      key: 'saludo',
      section: 'Acogida',
      label: 'Se saluda al cliente en los primeros 30 segundos',
      type: 'yesno',
      weight: 2,
    },
    {
      key: 'espera',
      section: 'Acogida',
      label: 'Minutos de espera hasta ser atendido',
      type: 'number',
      unit: 'min',
      weight: 2,
    },
    {
      key: 'identificacion',
      section: 'Acogida',
      label: 'El empleado lleva identificación visible',
      type: 'yesno',
    },
    {
      key: 'limpieza',
      section: 'Tangibles',
      label: 'Limpieza y orden de la oficina (1–5)',
      type: 'scale',
      min: 1,
      max: 5,
      pass: 4,
      photo: true,
    },
    {
      key: 'folletos',
      section: 'Tangibles',
      label: 'Folletos de tarifas actualizados y a la vista',
      type: 'yesno',
    },
    {
      key: 'cajero',
      section: 'Tangibles',
      label: 'El cajero automático funciona',
      type: 'yesno',
      photo: true,
    },
    {
      key: 'dni',
      section: 'Proceso',
      label: 'Verifica la identidad antes de operar',
      type: 'yesno',
      critical: true,
      weight: 3,
    },
    {
      key: 'explica',
      section: 'Proceso',
      label: 'Explica comisiones y condiciones sin que se le pida',
      type: 'scale',
      min: 1,
      max: 5,
      pass: 4,
      weight: 2,
    },
    {
      key: 'privacidad',
      section: 'Proceso',
      label: 'Respeta la confidencialidad (nadie escucha la operación)',
      type: 'yesno',
      critical: true,
    },
    {
      key: 'seguimiento',
      section: 'Posventa',
      label: 'Ofrece un contacto para dudas posteriores',
      type: 'yesno',
    },
    {
      key: 'despedida',
      section: 'Posventa',
      label: 'Despedida cordial y ofrecimiento de ayuda',
      type: 'yesno',
    },
  ],
};

type A = boolean | number | 'na';
const V = (
  saludo: A,
  espera: A,
  identificacion: A,
  limpieza: A,
  folletos: A,
  cajero: A,
  dni: A,
  explica: A,
  privacidad: A,
  seguimiento: A,
  despedida: A,
) => ({
  saludo,
  espera,
  identificacion,
  limpieza,
  folletos,
  cajero,
  dni,
  explica,
  privacidad,
  seguimiento,
  despedida,
});

// [branch key | competitor name, kind, days ago, answers, note]
const VISITS: [string, 'audit' | 'mystery' | 'competitor', number, Record<string, A>, string][] = [
  [
    'madrid-castellana',
    'audit',
    80,
    V(true, 6, true, 5, true, true, true, 4, true, true, true),
    '',
  ],
  [
    'madrid-sol',
    'audit',
    74,
    V(true, 12, true, 3, false, true, true, 3, true, false, true),
    'Mucha cola a media mañana.',
  ],
  ['bilbao', 'mystery', 66, V(true, 4, true, 4, true, true, true, 5, true, true, true), ''],
  ['oviedo', 'mystery', 58, V(false, 9, true, 4, true, 'na', true, 3, true, true, true), ''],
  ['sevilla', 'audit', 47, V(true, 8, false, 4, true, true, true, 4, true, true, true), ''],
  [
    'malaga',
    'mystery',
    39,
    V(true, 15, true, 2, false, false, true, 2, true, false, false),
    'El cajero estaba fuera de servicio.',
  ],
  [
    'Banco Rival · Oficina Castellana',
    'competitor',
    33,
    V(true, 5, true, 5, true, true, true, 3, true, false, true),
    '',
  ],
  [
    'madrid-sol',
    'mystery',
    21,
    V(true, 7, true, 4, true, true, false, 4, true, true, true),
    'No se pidió el DNI para una retirada de efectivo en ventanilla.',
  ],
  [
    'madrid-castellana',
    'mystery',
    12,
    V(true, 3, true, 5, true, true, true, 5, true, true, true),
    '',
  ],
  [
    'bilbao',
    'audit',
    6,
    V(true, 5, true, 4, true, true, true, 4, false, true, true),
    'La conversación en ventanilla se oía desde la cola.',
  ],
];

/** A small valid PNG (solid colour) so demo receipts differ by content. */
function png(seed: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, (seed * 37) & 255, (seed * 91) & 255, (seed * 53) & 255]);
  // zlib stored block (no compression) of the single scanline
  const adler = (() => {
    let a = 1;
    let b = 0;
    for (const x of raw) {
      a = (a + x) % 65521;
      b = (b + a) % 65521;
    }
    const o = Buffer.alloc(4);
    o.writeUInt32BE(((b << 16) | a) >>> 0);
    return o;
  })();
  const idat = Buffer.concat([
    Buffer.from([0x78, 0x01, 0x01, raw.length, 0, ~raw.length & 0xff, 0xff]),
    raw,
    adler,
  ]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic uuid from a label (demo ids stay the same from run to run). */
function demoId(label: string): string {
  const h = createHash('sha256').update(`fidelia-demo-fieldwork:${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function seedDemoFieldwork(db: Sql, org: DemoOrg): Promise<void> {
  const { orgId } = org;
  const owner: AuthContext = {
    orgId,
    userId: org.ownerId,
    role: 'owner',
    unitId: null,
    email: 'demo',
    via: 'session',
    scopes: [],
  };
  const { user: shopperUser } = await createUser(
    db,
    { orgId, userId: null, email: null },
    {
      email: DEMO_SHOPPER_EMAIL,
      name: 'Paula Ríos (cliente misteriosa)',
      role: 'shopper',
      password: randomToken(12),
    },
  );
  const shopper: AuthContext = {
    ...owner,
    userId: shopperUser.id,
    role: 'shopper',
    email: DEMO_SHOPPER_EMAIL,
  };
  // items evidence the bank-branch starter standards (standards module demo) where one exists
  const codes = await standardIdsByCode(db, orgId);
  const LINK: Record<string, string> = {
    saludo: 'OF-01',
    espera: 'OF-02',
    identificacion: 'OF-04',
    limpieza: 'OF-05',
    cajero: 'OF-06',
    folletos: 'OF-08',
    seguimiento: 'OF-09',
    despedida: 'OF-12',
  };
  const checklist = await svc.createChecklist(db, owner, {
    ...CHECKLIST,
    items: CHECKLIST.items.map((it) => {
      const code = LINK[it.key];
      const standardId = code ? codes.get(code) : undefined;
      return standardId ? { ...it, standardId } : it;
    }),
  });
  const people = await repo.assignableUsers(db, orgId);
  const managerOf = (unitId: string) =>
    people.find((p) => p.role === 'agent' && p.unit_id === unitId)?.id ?? null;
  const now = Date.now();
  for (const [i, [where, kind, daysAgo, answers, note]] of VISITS.entries()) {
    const id = demoId(`visit-${i}`);
    const unitId = kind === 'competitor' ? null : (org.units[where] ?? null);
    if (kind !== 'competitor' && !unitId) continue;
    const mystery = kind !== 'audit';
    await svc.schedule(db, owner, {
      visits: [
        {
          id,
          checklistId: checklist.id,
          kind,
          ...(unitId ? { unitId } : { competitorName: where }),
          assigneeId: mystery ? shopperUser.id : org.ownerId,
        },
      ],
    });
    const end = new Date(now - daysAgo * 86_400_000 + 11 * 3_600_000);
    const start = new Date(end.getTime() - (18 + (i % 4) * 6) * 60_000);
    const who = mystery ? shopper : owner;
    if (mystery) {
      await svc.addPhoto(db, who, id, {
        id: demoId(`receipt-${i}`),
        kind: 'receipt',
        filename: 'justificante.png',
        contentBase64: png(i + 1).toString('base64'),
      });
    }
    await svc.submit(db, who, id, {
      answers: Object.entries(answers).map(([key, value]) => ({ key, value, comment: '' })),
      startedAt: start.toISOString(),
      endedAt: end.toISOString(),
      comment: note,
    });
    if (daysAgo > 10) await svc.reviewVisit(db, owner, id, { decision: 'approve' });
  }
  // Corrective actions: owners are the branch managers; the older ones are done or verified,
  // the critical failure at Madrid Sol is open and past its due date.
  for (const a of await repo.listActions(db, orgId, { scope: null })) {
    const ownerId = managerOf(a.unit_id);
    const visit = await repo.getVisit(db, orgId, a.visit_id);
    const age = visit?.visited_at ? (now - new Date(visit.visited_at).getTime()) / 86_400_000 : 0;
    const patch: Parameters<typeof svc.updateAction>[3] = ownerId ? { ownerId } : {};
    await svc.updateAction(db, owner, a.id, patch);
    if (age > 60) {
      await svc.updateAction(db, owner, a.id, {
        status: 'done',
        note: 'Corregido y comunicado al equipo.',
      });
      await svc.updateAction(db, owner, a.id, {
        status: 'verified',
        note: 'Comprobado en la visita siguiente.',
      });
    } else if (age > 30 && !a.critical) {
      await svc.updateAction(db, owner, a.id, {
        status: 'done',
        note: 'Pendiente de verificar en la próxima auditoría.',
      });
    }
  }
  // Two visits still waiting for the shopper.
  const today = new Date(now).toISOString().slice(0, 10);
  const inTwoWeeks = new Date(now + 14 * 86_400_000).toISOString().slice(0, 10);
  await svc.schedule(db, owner, {
    visits: ['sevilla', 'oviedo']
      .filter((k) => org.units[k])
      .map((k, j) => ({
        id: demoId(`pending-${j}`),
        checklistId: checklist.id,
        kind: 'mystery' as const,
        unitId: org.units[k] as string,
        assigneeId: shopperUser.id,
        windowFrom: today,
        windowTo: inTwoWeeks,
      })),
  });
}
