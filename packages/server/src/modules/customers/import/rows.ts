// Turns one raw import row (strings) into a typed customer draft, or the list of its errors.
import {
  type CUSTOMER_KINDS,
  type TCustomField,
  TIERS,
  type TImportMapping,
  type TImportRejection,
} from '@fidelia/contracts';
import { isUuid } from '../../../lib/uuid';

/** What an import row can set; absent keys are left untouched on update. */
export interface TImportDraft {
  externalId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  kind?: 'external' | 'internal' | 'user';
  useClass?: 'processor' | 'merchant' | 'end_user' | 'public' | null;
  tier?: 'A' | 'B' | 'C' | null;
  status?: 'active' | 'inactive' | 'lost';
  unitId?: string | null;
  language?: 'es' | 'en' | null;
  consentEmail?: boolean;
  consentSurvey?: boolean;
  statedNeeds?: string | null;
  realNeeds?: string | null;
  needTags?: string[];
  attributes?: Record<string, string | number | boolean | null>;
}

export type TRowResult =
  | { ok: true; draft: TImportDraft }
  | { ok: false; errors: TImportRejection[] };

const MAX_TEXT = 4000;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE = new Set(['1', 'true', 'yes', 'y', 'si', 'sí', 's', 'x', 'verdadero']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'falso', '']);

const KIND_ALIASES: Record<string, (typeof CUSTOMER_KINDS)[number]> = {
  external: 'external',
  externo: 'external',
  internal: 'internal',
  interno: 'internal',
  user: 'user',
  usuario: 'user',
};
const USE_ALIASES: Record<string, NonNullable<TImportDraft['useClass']>> = {
  processor: 'processor',
  procesador: 'processor',
  merchant: 'merchant',
  comerciante: 'merchant',
  end_user: 'end_user',
  'end user': 'end_user',
  'usuario final': 'end_user',
  public: 'public',
  publico: 'public',
  público: 'public',
};
const STATUS_ALIASES: Record<string, NonNullable<TImportDraft['status']>> = {
  active: 'active',
  activo: 'active',
  inactive: 'inactive',
  inactivo: 'inactive',
  lost: 'lost',
  perdido: 'lost',
};

function parseBool(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

function parseNumber(v: string): number | undefined {
  // Accept "1.234,5" (es) and "1,234.5" (en) as well as plain numbers.
  let s = v.trim().replace(/\s/g, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) || /^-?\d+,\d+$/.test(s)) {
    s = s.replace(/\./g, '').replace(',', '.');
  } else s = s.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function parseDate(v: string): string | undefined {
  const s = v.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = dmy ? `${dmy[3]}-${dmy[2]?.padStart(2, '0')}-${dmy[1]?.padStart(2, '0')}` : s;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/**
 * Validates one row. `rowNo` is the 1-based data row number used in the rejection report.
 * Values are kept verbatim (trimmed): injection strings are just data.
 */
export function validateRow(
  rowNo: number,
  headers: readonly string[],
  cells: readonly string[],
  mapping: TImportMapping,
  fields: ReadonlyMap<string, TCustomField>,
): TRowResult {
  const errors: TImportRejection[] = [];
  const draft: Partial<TImportDraft> = {};
  const attributes: Record<string, string | number | boolean | null> = {};
  const fail = (column: string, value: string, reason: string): null => {
    errors.push({ row: rowNo, column, value, reason });
    return null;
  };

  const apply = (header: string, i: number): null => {
    const target = mapping[header];
    if (!target) return null;
    const raw = (cells[i] ?? '').trim();
    const lower = raw.toLowerCase();
    if (raw.length > MAX_TEXT) return fail(header, raw.slice(0, 100), 'too_long');
    if (target.startsWith('attr:')) {
      const key = target.slice(5);
      const def = fields.get(key);
      if (!def) return fail(header, raw, 'unknown_custom_field');
      if (raw === '') attributes[key] = null;
      else if (def.type === 'number') {
        const n = parseNumber(raw);
        if (n === undefined) return fail(header, raw, 'not_a_number');
        attributes[key] = n;
      } else if (def.type === 'boolean') {
        const b = parseBool(raw);
        if (b === undefined) return fail(header, raw, 'not_a_boolean');
        attributes[key] = b;
      } else if (def.type === 'date') {
        const d = parseDate(raw);
        if (d === undefined) return fail(header, raw, 'not_a_date');
        attributes[key] = d;
      } else if (def.type === 'choice') {
        if (!def.options?.includes(raw)) return fail(header, raw, 'not_an_option');
        attributes[key] = raw;
      } else attributes[key] = raw;
      return null;
    }
    switch (target) {
      case 'externalId':
      case 'name':
        if (raw === '') return fail(header, raw, 'required');
        draft[target] = raw;
        return null;
      case 'email':
        if (raw !== '' && !EMAIL_RE.test(raw)) return fail(header, raw, 'invalid_email');
        draft.email = raw === '' ? null : raw.toLowerCase();
        return null;
      case 'phone':
      case 'statedNeeds':
      case 'realNeeds':
        draft[target] = raw === '' ? null : raw;
        return null;
      case 'kind': {
        const k = KIND_ALIASES[lower];
        if (!k) return fail(header, raw, 'invalid_kind');
        if (k === 'internal') return fail(header, raw, 'internal_needs_unit');
        draft.kind = k;
        return null;
      }
      case 'useClass': {
        if (raw === '') draft.useClass = null;
        else if (USE_ALIASES[lower]) draft.useClass = USE_ALIASES[lower];
        else return fail(header, raw, 'invalid_use_class');
        return null;
      }
      case 'tier': {
        const t = raw.toUpperCase();
        if (raw === '') draft.tier = null;
        else if ((TIERS as readonly string[]).includes(t)) draft.tier = t as 'A' | 'B' | 'C';
        else return fail(header, raw, 'invalid_tier');
        return null;
      }
      case 'status': {
        const s = STATUS_ALIASES[lower];
        if (!s) return fail(header, raw, 'invalid_status');
        draft.status = s;
        return null;
      }
      case 'unitId':
        if (raw !== '' && !isUuid(raw)) return fail(header, raw, 'invalid_unit');
        draft.unitId = raw === '' ? null : raw.toLowerCase();
        return null;
      case 'language':
        if (raw === '') draft.language = null;
        else if (lower === 'es' || lower === 'en') draft.language = lower;
        else return fail(header, raw, 'invalid_language');
        return null;
      case 'consentEmail':
      case 'consentSurvey': {
        const b = parseBool(raw);
        if (b === undefined) return fail(header, raw, 'not_a_boolean');
        draft[target] = b;
        return null;
      }
      case 'needTags':
        draft.needTags = [
          ...new Set(
            raw
              .split(/[,;|]/)
              .map((t) => t.trim())
              .filter(Boolean),
          ),
        ];
        return null;
    }
    return null;
  };
  for (const [i, h] of headers.entries()) apply(h, i);
  if (Object.keys(attributes).length > 0) draft.attributes = attributes;
  if (errors.length > 0) return { ok: false, errors };
  if (!draft.externalId) {
    fail('', '', 'missing_external_id');
    return { ok: false, errors };
  }
  // A row without a name column gets its external id as name, so id-only files import.
  const name = draft.name ?? draft.externalId;
  return { ok: true, draft: { ...draft, externalId: draft.externalId, name } };
}

/** Mapping-level checks done once before any row: required targets present. */
export function checkMapping(mapping: TImportMapping): string[] {
  const targets = Object.values(mapping).filter((t): t is NonNullable<typeof t> => t !== null);
  const problems: string[] = [];
  if (!targets.includes('externalId')) problems.push('missing_external_id_column');
  const dup = targets.filter((t, i) => targets.indexOf(t) !== i);
  if (dup.length > 0) problems.push(`duplicate_target:${[...new Set(dup)].join(',')}`);
  return problems;
}
