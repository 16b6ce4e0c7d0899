// Pure helpers of the survey builder (no React): a new question (its type's defaults), Kano attribute
// parsing, keys, moving things, condition values. Tested in builder.test.ts.
import type { TCondition, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import { CONDITION_OPS, type TQuestionType } from '@fidelia/contracts/survey-logic';
import { STAFF_TYPES } from '../../question-types/staff';
import type { TQuestionBase, TStaffType } from '../../question-types/staff-kit';

// Constants from the shared zod-free piece (the schemas build their enums from the same lists).
export {
  KANO_ANSWERS,
  QUESTION_TYPES,
  SERVQUAL_DIMENSIONS,
  STAFF_CHANNELS,
} from '@fidelia/contracts/survey-logic';
export type TQType = TQuestionType;
export const OPS = CONDITION_OPS;

const L = (es: string, en: string) => ({ es, en });

/** "wifi: Wi-Fi gratis / Free Wi-Fi" lines → Kano attributes for the template. */
export function parseAttributes(text: string): { key: string; es: string; en: string }[] {
  const out: { key: string; es: string; en: string }[] = [];
  const seen = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([^:]+):(.*)$/.exec(line);
    const label = (m ? m[2] : line)?.trim() ?? '';
    const [es = '', en = ''] = label.split('/').map((s) => s.trim());
    let key = toKey(m ? (m[1] ?? '') : es);
    if (!key) continue;
    while (seen.has(key)) key = `${key}_2`.slice(0, 63);
    seen.add(key);
    out.push({ key, es: es || key, en: en || es || key });
  }
  return out;
}

/** A valid key (a-z, 0-9, _; starts with a letter) from any text. */
export function toKey(text: string): string {
  const k = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 63);
  return k;
}

/** Every question key of the definition. */
export function allKeys(def: TSurveyDefinition): string[] {
  return def.pages.flatMap((p) => p.questions.map((q) => q.key));
}

/** A key not used yet: q1, q2, ... (or base, base_2, ...). */
export function freshKey(def: TSurveyDefinition, base = 'q'): string {
  const used = new Set([...allKeys(def), ...def.pages.map((p) => p.key)]);
  if (base !== 'q' && !used.has(base)) return base;
  for (let i = 1; ; i++) {
    const k = base === 'q' ? `q${i}` : `${base}_${i + 1}`;
    if (!used.has(k)) return k;
  }
}

/** Defaults of a new question of this type, keeping the common fields of `from`. */
export function newQuestion(type: TQType, key: string, from?: Partial<TQuestion>): TQuestion {
  const base: TQuestionBase = {
    key,
    title: from?.title ?? L('Nueva pregunta', 'New question'),
    required: from?.required ?? false,
    ...(from?.tag ? { tag: from.tag } : {}),
    ...(from?.help ? { help: from.help } : {}),
    ...(from?.displayIf ? { displayIf: from.displayIf } : {}),
  };
  // each type's defaults: question-types/<type>/staff.ts
  return (STAFF_TYPES[type] as TStaffType).defaults(base);
}

/** Moves element i by delta (−1 up, +1 down) in a copy of the list. */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

/** Keys a condition on question `key` may refer to: questions BEFORE it. */
export function earlierKeys(def: TSurveyDefinition, key: string | null): string[] {
  const out: string[] = [];
  for (const p of def.pages)
    for (const q of p.questions) {
      if (q.key === key) return out;
      out.push(q.key);
    }
  return out;
}

/** Condition value typed from the builder's text box: numbers as numbers, 'in' as a list. */
export function parseConditionValue(op: TCondition['op'], text: string): TCondition['value'] {
  if (op === 'answered' || op === 'not_answered') return undefined;
  const one = (s: string) => {
    const t = s.trim();
    return t !== '' && !Number.isNaN(Number(t)) ? Number(t) : t;
  };
  if (op === 'in')
    return text
      .split(',')
      .map(one)
      .filter((x) => x !== '');
  return one(text);
}

export function conditionValueText(v: TCondition['value']): string {
  if (v === undefined) return '';
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** A definition file (export format or a bare definition) → the definition inside. */
export function definitionOf(file: unknown): TSurveyDefinition | null {
  if (!file || typeof file !== 'object') return null;
  const f = file as { format?: unknown; definition?: unknown; pages?: unknown };
  const d = (f.format === 'fidelia.survey' ? f.definition : f) as { pages?: unknown } | undefined;
  return d && Array.isArray(d.pages) ? (d as TSurveyDefinition) : null;
}

/** Public URL of a survey for one channel (and optionally a branch). */
export function channelUrl(
  origin: string,
  slug: string,
  channel: 'web' | 'qr' | 'kiosk' | 'embed',
  unitId = '',
): string {
  const q = new URLSearchParams();
  if (channel !== 'web') q.set('c', channel);
  if (unitId) q.set('u', unitId);
  const s = q.toString();
  return `${origin}/s/${encodeURIComponent(slug)}${s ? `?${s}` : ''}`;
}
