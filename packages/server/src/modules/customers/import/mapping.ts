// Suggests which customer field each import column feeds, from Spanish or English headers.
import type { TImportMapping, TImportTarget } from '@fidelia/contracts';

/** Normalise a header: lower case, no accents, no punctuation, single spaces. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Synonyms are compared after normaliseHeader(); order matters only within a target.
const SYNONYMS: ReadonlyArray<[TImportTarget, readonly string[]]> = [
  [
    'externalId',
    [
      'external id',
      'externalid',
      'id',
      'customer id',
      'client id',
      'id cliente',
      'codigo',
      'codigo cliente',
      'cod cliente',
      'referencia',
      'ref',
      'customer',
      'cliente id',
      'nif',
      'dni',
    ],
  ],
  [
    'name',
    ['name', 'nombre', 'full name', 'nombre completo', 'razon social', 'cliente', 'customer name'],
  ],
  ['email', ['email', 'e mail', 'correo', 'correo electronico', 'mail']],
  ['phone', ['phone', 'telefono', 'tel', 'movil', 'mobile', 'phone number']],
  ['kind', ['kind', 'tipo', 'tipo cliente', 'customer type', 'type']],
  ['useClass', ['use class', 'useclass', 'uso', 'clase', 'clasificacion', 'class', 'usage']],
  ['tier', ['tier', 'nivel', 'importancia', 'categoria', 'segmento abc', 'abc']],
  ['status', ['status', 'estado', 'state']],
  ['unitId', ['unit', 'unit id', 'unidad', 'sucursal', 'oficina', 'branch']],
  ['language', ['language', 'idioma', 'lang', 'lengua']],
  [
    'consentEmail',
    ['consent email', 'email consent', 'consentimiento email', 'acepta email', 'newsletter'],
  ],
  [
    'consentSurvey',
    ['consent survey', 'survey consent', 'consentimiento encuesta', 'acepta encuestas'],
  ],
  ['statedNeeds', ['stated needs', 'necesidades declaradas', 'necesidad declarada']],
  ['realNeeds', ['real needs', 'necesidades reales', 'necesidad real']],
  ['needTags', ['need tags', 'tags', 'etiquetas', 'etiquetas necesidades']],
];

const LOOKUP = new Map<string, TImportTarget>();
for (const [target, words] of SYNONYMS) {
  for (const w of words) if (!LOOKUP.has(w)) LOOKUP.set(w, target);
}

/**
 * One target per header, each target used at most once (the first matching header wins).
 * Headers matching a custom field key or label map to `attr:<key>`.
 */
export function suggestMapping(
  headers: readonly string[],
  customFields: ReadonlyArray<{ key: string; label: string }> = [],
): TImportMapping {
  const used = new Set<string>();
  const out: TImportMapping = {};
  const fieldByName = new Map<string, string>();
  for (const f of customFields) {
    fieldByName.set(normaliseHeader(f.key), f.key);
    fieldByName.set(normaliseHeader(f.label), f.key);
  }
  for (const h of headers) {
    const n = normaliseHeader(h);
    const fieldKey = fieldByName.get(n);
    const target: TImportTarget | undefined =
      LOOKUP.get(n) ?? (fieldKey ? (`attr:${fieldKey}` as const) : undefined);
    if (target && !used.has(target)) {
      used.add(target);
      out[h] = target;
    } else {
      out[h] = null;
    }
  }
  return out;
}
