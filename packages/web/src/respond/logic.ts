// Pure respondent logic: display conditions, piping, page flow, validation, constant sum.
// Mirrors packages/server/src/modules/surveys/answers.ts (the server re-checks everything).
// Type-only imports from contracts: zod must NOT end up in the respondent bundle.
import type {
  TAnswers,
  TAnswerValue,
  TCondition,
  TDisplayIf,
  TLocalText,
  TPage,
  TQuestion,
  TSurveyDefinition,
} from '@fidelia/contracts';

export type TLang = 'es' | 'en';
export type TPrefill = Record<string, string | number | boolean | null>;

export const present = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text in the wanted language, falling back to the other one. */
export function lt(t: TLocalText | undefined, lang: TLang): string {
  if (!t) return '';
  return (lang === 'en' ? t.en || t.es : t.es || t.en) ?? '';
}

// ------------------------------------------------------------------------------ conditions
function answerOf(answers: TAnswers, c: TCondition): unknown {
  const v = answers[c.q];
  if (c.item !== undefined) return isRecord(v) ? v[c.item] : undefined;
  return v;
}

export function holds(c: TCondition, answers: TAnswers): boolean {
  const v = answerOf(answers, c);
  const want = c.value;
  switch (c.op) {
    case 'answered':
      return present(v);
    case 'not_answered':
      return !present(v);
    case 'eq':
      return present(v) && v === want;
    case 'neq':
      return present(v) && v !== want;
    case 'gt':
      return isNum(v) && isNum(want) && v > want;
    case 'gte':
      return isNum(v) && isNum(want) && v >= want;
    case 'lt':
      return isNum(v) && isNum(want) && v < want;
    case 'lte':
      return isNum(v) && isNum(want) && v <= want;
    case 'in':
      return Array.isArray(want) && (want as unknown[]).includes(v);
    case 'includes':
      return Array.isArray(v) && (v as unknown[]).includes(want);
    default:
      return false;
  }
}

export function visible(d: TDisplayIf | undefined, answers: TAnswers): boolean {
  if (!d) return true;
  return d.mode === 'any'
    ? d.conditions.some((c) => holds(c, answers))
    : d.conditions.every((c) => holds(c, answers));
}

export function questionShown(page: TPage, q: TQuestion, answers: TAnswers): boolean {
  return visible(page.displayIf, answers) && visible(q.displayIf, answers);
}

/** Indexes of the pages shown for these answers. */
export function visiblePages(def: TSurveyDefinition, answers: TAnswers): number[] {
  const out: number[] = [];
  def.pages.forEach((p, i) => {
    if (visible(p.displayIf, answers) && p.questions.some((q) => visible(q.displayIf, answers)))
      out.push(i);
  });
  return out;
}

/**
 * Drops answers to questions hidden by display logic (the server rejects them), repeating until
 * nothing changes: hiding one question can hide another that depended on it.
 */
export function pruneHidden(def: TSurveyDefinition, answers: TAnswers): TAnswers {
  let cur: TAnswers = { ...answers };
  for (let round = 0; round < 50; round++) {
    let changed = false;
    const next: TAnswers = { ...cur };
    for (const p of def.pages)
      for (const q of p.questions) {
        if (!questionShown(p, q, cur)) {
          for (const k of [q.key, `${q.key}__other`])
            if (k in next) {
              delete next[k];
              changed = true;
            }
        }
      }
    // the free text of 'other' only travels with 'other'
    for (const p of def.pages)
      for (const q of p.questions)
        if (q.type === 'single' && next[q.key] !== 'other' && `${q.key}__other` in next) {
          delete next[`${q.key}__other`];
          changed = true;
        }
    cur = next;
    if (!changed) break;
  }
  return cur;
}

// --------------------------------------------------------------------------------- piping
function findQuestion(def: TSurveyDefinition, key: string): TQuestion | undefined {
  for (const p of def.pages) for (const q of p.questions) if (q.key === key) return q;
  return undefined;
}

/** Human text of an answer, for piping ("you gave us {{q:nps}}"). */
export function answerText(q: TQuestion | undefined, v: TAnswerValue | undefined, lang: TLang) {
  if (!present(v)) return '';
  if (q && (q.type === 'single' || q.type === 'multiple')) {
    const label = (x: unknown) => {
      const o = q.options.find((op) => op.value === x);
      return o ? lt(o.label, lang) : String(x);
    };
    return Array.isArray(v) ? v.map(label).join(', ') : label(v);
  }
  if (Array.isArray(v)) return v.join(', ');
  if (isRecord(v)) return '';
  return String(v);
}

/** Replaces {{q:key}} with earlier answers and {{attr:name}} with personal-link prefill. */
export function pipe(
  text: string,
  def: TSurveyDefinition,
  answers: TAnswers,
  prefill: TPrefill,
  lang: TLang,
): string {
  if (!text.includes('{{')) return text;
  return text.replace(
    /\{\{\s*(q|attr):([A-Za-z0-9_.-]+)\s*\}\}/g,
    (_m, kind: string, key: string) => {
      if (kind === 'attr') {
        const v = prefill[key];
        return v === null || v === undefined ? '' : String(v);
      }
      return answerText(findQuestion(def, key), answers[key], lang);
    },
  );
}

// ------------------------------------------------------------------------------ constant sum
export function sumOf(v: unknown): number {
  if (!isRecord(v)) return 0;
  let s = 0;
  for (const x of Object.values(v)) if (isNum(x)) s += x;
  return s;
}

/** State of a constant-sum allocation: the remaining points and whether it can be submitted. */
export function constantSumState(v: unknown, total: number) {
  const sum = sumOf(v);
  return { sum, remaining: total - sum, over: sum > total, complete: sum === total };
}

// ------------------------------------------------------------------------------ validation
export type TErrorCode =
  | 'required'
  | 'incomplete'
  | 'range'
  | 'integer'
  | 'sum'
  | 'email'
  | 'min_selected'
  | 'max_selected'
  | 'too_long'
  | 'date';

export interface TFieldError {
  code: TErrorCode;
  /** item / sub-field at fault (e.g. a SERVQUAL item key), when any */
  item?: string;
  /** numbers for the message: limit, sum, total */
  n?: number;
  m?: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const intIn = (x: unknown, min: number, max: number) =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

function itemKeys(q: TQuestion): string[] {
  if (q.type === 'matrix') return q.rows.map((r) => r.key);
  if (q.type === 'servqual' || q.type === 'constant_sum') return q.items.map((i) => i.key);
  if (q.type === 'kano') return ['functional', 'dysfunctional'];
  return [];
}

/** Client-side check of one visible question (null = fine). */
export function validateQuestion(
  q: TQuestion,
  v: TAnswerValue | undefined,
  answers: TAnswers = {},
): TFieldError | null {
  const empty = !present(v) || (isRecord(v) && Object.values(v).every((x) => !present(x)));
  if (empty) return q.required ? { code: 'required' } : null;
  switch (q.type) {
    case 'rating':
      return intIn(v, q.min, q.max) ? null : { code: 'range', n: q.min, m: q.max };
    case 'csat':
      return intIn(v, 1, 5) ? null : { code: 'range', n: 1, m: 5 };
    case 'scale':
      return intIn(v, 1, q.points) ? null : { code: 'range', n: 1, m: q.points };
    case 'number':
      if (!isNum(v)) return { code: 'range', n: q.min, m: q.max };
      if (q.integer && !Number.isInteger(v)) return { code: 'integer' };
      return v < q.min || v > q.max ? { code: 'range', n: q.min, m: q.max } : null;
    case 'servqual':
    case 'matrix':
    case 'kano':
    case 'constant_sum': {
      const rec = v as Record<string, unknown>;
      const keys = itemKeys(q);
      if (q.type === 'constant_sum') {
        for (const k of keys) {
          const x = rec[k];
          if (present(x) && !intIn(x, 0, q.total))
            return { code: 'range', item: k, n: 0, m: q.total };
        }
        const s = constantSumState(rec, q.total);
        // an untouched optional allocation is fine; a started one must add up
        return s.complete ? null : { code: 'sum', n: s.sum, m: q.total };
      }
      if (q.required) {
        const miss = keys.find((k) => !present(rec[k]));
        if (miss) return { code: 'incomplete', item: miss };
      }
      return null;
    }
    case 'value': {
      const rec = v as Record<string, unknown>;
      if (q.required && !present(rec.price)) return { code: 'incomplete', item: 'price' };
      const w = rec.wtp;
      if (present(w) && (!isNum(w) || w < 0 || w > q.wtpMax))
        return { code: 'range', item: 'wtp', n: 0, m: q.wtpMax };
      return null;
    }
    case 'single':
      if (q.allowOther && v === 'other' && q.required && !present(answers[`${q.key}__other`]))
        return { code: 'required', item: 'other' };
      return null;
    case 'multiple': {
      const n = Array.isArray(v) ? v.length : 0;
      if (q.maxSelected !== undefined && n > q.maxSelected)
        return { code: 'max_selected', n: q.maxSelected };
      if (q.minSelected !== undefined && n < q.minSelected)
        return { code: 'min_selected', n: q.minSelected };
      return null;
    }
    case 'text':
      return String(v).length > q.maxLength ? { code: 'too_long', n: q.maxLength } : null;
    case 'contact': {
      const rec = v as Record<string, unknown>;
      if (present(rec.email) && !EMAIL.test(String(rec.email)))
        return { code: 'email', item: 'email' };
      return null;
    }
    case 'date': {
      const s = String(v);
      const d = new Date(`${s}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime())) return { code: 'date' };
      if ((q.min && s < q.min) || (q.max && s > q.max)) return { code: 'date' };
      return null;
    }
  }
  return null;
}

/** Errors of the visible questions of one page, by question key. */
export function validatePage(page: TPage, answers: TAnswers): Record<string, TFieldError> {
  const out: Record<string, TFieldError> = {};
  if (!visible(page.displayIf, answers)) return out;
  for (const q of page.questions) {
    if (!visible(q.displayIf, answers)) continue;
    const e = validateQuestion(q, answers[q.key], answers);
    if (e) out[q.key] = e;
  }
  return out;
}

// ------------------------------------------------------------------------------ randomise
/** Deterministic shuffle (seeded by the response id) so the order survives re-renders/resume. */
export function seededShuffle<T>(list: readonly T[], seed: string): T[] {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  const rnd = () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Language to show: ?lang= > the server's pick when it is one of the survey's > browser > default. */
export function pickLang(
  languages: readonly string[],
  fallback: string,
  wanted: (string | null | undefined)[],
): TLang {
  for (const w of wanted) {
    const l = w?.slice(0, 2).toLowerCase();
    if (l && languages.includes(l) && (l === 'es' || l === 'en')) return l;
  }
  return fallback === 'en' ? 'en' : 'es';
}
