// Demo customers for Banco Horizonte: a few hundred realistic Spanish customers of all kinds
// across the demo branches, with tiers, needs and consents; internal customers are org units.
// Deterministic (seeded PRNG) so screenshots and docs stay stable.
import type { Sql } from '../../db/client';
import type { DemoOrg } from '../../demo/registry';
import { insertDemoCustomers, insertDemoFields } from './repo-demo';

const FIRST = [
  'María',
  'José',
  'Lucía',
  'Javier',
  'Carmen',
  'Antonio',
  'Laura',
  'Manuel',
  'Isabel',
  'Francisco',
  'Paula',
  'David',
  'Elena',
  'Raúl',
  'Nuria',
  'Sergio',
  'Marta',
  'Pablo',
  'Cristina',
  'Íñigo',
  'Ainhoa',
  'Jordi',
  'Rocío',
  'Álvaro',
];
const LAST = [
  'García',
  'Martínez',
  'López',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Martín',
  'Jiménez',
  'Ruiz',
  'Hernández',
  'Díaz',
  'Moreno',
  'Muñoz',
  'Álvarez',
  'Romero',
  'Navarro',
  'Torres',
  'Domínguez',
  'Ibáñez',
  'Etxeberria',
];
const COMPANIES = [
  'Talleres Ondarreta S.L.',
  'Frutas Guadalquivir S.A.',
  'Construcciones Nervión S.L.',
  'Farmacia Larios',
  'Asesoría Castellana',
  'Hostelería del Sur S.L.',
  'Distribuciones Astur S.A.',
  'Panadería La Espiga',
  'Clínica Dental Sonrisa',
  'Transportes Cantábrico S.L.',
  'Librería Uría',
  'Bodegas Ribera Alta',
  'Inmobiliaria Puerta del Sol',
  'Ferretería Bilbaína',
  'Autoescuela Giralda',
];
const NEEDS: Array<[stated: string, real: string, tags: string[]]> = [
  [
    'Una cuenta sin comisiones',
    'Sentirse tratado con justicia y sin sorpresas en el extracto',
    ['precio', 'transparencia'],
  ],
  [
    'Una hipoteca',
    'Seguridad para su familia y asesoramiento honesto',
    ['asesoramiento', 'confianza'],
  ],
  [
    'Financiación para el negocio',
    'Rapidez en la respuesta y un gestor que conozca su sector',
    ['rapidez', 'gestor'],
  ],
  ['Banca online', 'Autonomía y no perder tiempo en la oficina', ['digital', 'tiempo']],
  [
    'Un TPV para la tienda',
    'Cobrar sin incidencias los días de más venta',
    ['fiabilidad', 'comercio'],
  ],
  ['Plan de pensiones', 'Tranquilidad sobre su futuro', ['ahorro', 'asesoramiento']],
];
const BRANCHES = [
  'madrid-castellana',
  'madrid-sol',
  'bilbao',
  'oviedo',
  'sevilla',
  'malaga',
  'castellana-empresas',
  'castellana-particulares',
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export async function seedDemoCustomers(db: Sql, org: DemoOrg): Promise<void> {
  const rnd = prng(20240611);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const recs: Record<string, unknown>[] = [];
  for (let i = 1; i <= 320; i++) {
    const company = i % 6 === 0;
    const first = pick(FIRST);
    const last = `${pick(LAST)} ${pick(LAST)}`;
    const name = company ? pick(COMPANIES) : `${first} ${last}`;
    const [stated, real, tags] = pick(NEEDS);
    const r = rnd();
    recs.push({
      external_id: `CLI-${String(i).padStart(5, '0')}`,
      name,
      email: company
        ? `info${i}@${strip(name)
            .replace(/[^a-z]+/g, '')
            .slice(0, 14)}.es`
        : `${strip(first)}.${strip(last.split(' ')[0] ?? '')}${i}@correo.es`,
      phone: `+34 6${String(10000000 + Math.floor(rnd() * 89999999))}`,
      kind: i % 11 === 0 ? 'user' : 'external',
      use_class: company
        ? pick(['processor', 'merchant'])
        : pick(['end_user', 'end_user', 'end_user', 'public']),
      tier: r < 0.15 ? 'A' : r < 0.5 ? 'B' : 'C',
      status: rnd() < 0.85 ? 'active' : pick(['inactive', 'lost']),
      unit_id: org.units[pick(BRANCHES)] ?? null,
      language: rnd() < 0.92 ? 'es' : 'en',
      consent_email: rnd() < 0.6,
      consent_survey: rnd() < 0.75,
      stated_needs: stated,
      real_needs: real,
      need_tags: tags,
      attributes: {
        antiguedad_anos: Math.floor(rnd() * 25),
        canal_preferido: pick(['oficina', 'web', 'app', 'teléfono']),
      },
    });
  }
  // Internal customers: units that depend on another unit's work (a unit is the customer of the units it depends on).
  const internal: Array<[string, string, string]> = [
    ['atencion', 'centro', 'Servicio de Atención al Cliente (cliente interno de Región Centro)'],
    [
      'castellana-empresas',
      'madrid-castellana',
      'Equipo Empresas Castellana (cliente interno de la oficina)',
    ],
    ['bilbao', 'norte', 'Oficina Bilbao Gran Vía (cliente interno de Región Norte)'],
    ['sevilla', 'sur', 'Oficina Sevilla Constitución (cliente interno de Región Sur)'],
  ];
  for (const [unit, servedBy, name] of internal) {
    recs.push({
      external_id: `INT-${unit}`,
      name,
      kind: 'internal',
      internal_unit_id: org.units[unit] ?? null,
      unit_id: org.units[servedBy] ?? null,
      tier: 'A',
      status: 'active',
      language: 'es',
      consent_email: true,
      consent_survey: true,
      stated_needs: 'Respuesta rápida a sus peticiones',
      real_needs: 'Poder atender bien a sus propios clientes',
      need_tags: ['rapidez', 'coordinación'],
      attributes: {},
    });
  }
  await insertDemoCustomers(db, org.orgId, recs);
  await insertDemoFields(db, org.orgId);
}
