// Validates submitted answers against a published definition (types, ranges, options, unknown
// keys, display logic, required, constant sum, text length) and turns them into long-format rows.
// Pure; every error names the field at fault (details.field = 'answers.<key>[.<item>]').
// Display logic and the value predicates come from @fidelia/contracts/survey-logic, the code the
// respondent page runs, so what the page hides is what this refuses.
import type { TAnswers, TAnswerValue, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import {
  EMAIL_PATTERN,
  isEmptyAnswer,
  isInt,
  isIsoDate,
  isNum,
  isRecord,
  present,
  questionShown,
  tagFor,
} from '@fidelia/contracts/survey-logic';
import { AppError, registerErrors } from '../../lib/errors';

registerErrors({
  SURVEY_ANSWER_UNKNOWN: {
    status: 400,
    es: 'La respuesta contiene una pregunta que no existe en la encuesta.',
    en: 'The response answers a question that is not in the survey.',
  },
  SURVEY_ANSWER_INVALID: {
    status: 400,
    es: 'Una respuesta no es válida para su pregunta.',
    en: 'An answer is not valid for its question.',
  },
  SURVEY_ANSWER_REQUIRED: {
    status: 400,
    es: 'Falta responder una pregunta obligatoria.',
    en: 'A required question is unanswered.',
  },
  SURVEY_ANSWER_HIDDEN: {
    status: 400,
    es: 'Se respondió una pregunta que no debía mostrarse.',
    en: 'A hidden question was answered.',
  },
  SURVEY_CONSTANT_SUM: {
    status: 400,
    es: 'Los puntos repartidos deben sumar el total indicado.',
    en: 'The allocated points must add up to the total.',
  },
});

export interface TLongRow {
  questionKey: string;
  item: string;
  tag: string | null;
  num: number | null;
  txt: string | null;
}

const MAX_SHORT_TEXT = 500;

function invalid(field: string, reason: string): never {
  throw new AppError('SURVEY_ANSWER_INVALID', { field, reason });
}

function intIn(v: unknown, min: number, max: number, field: string): number {
  if (!isInt(v)) invalid(field, 'integer expected');
  if (v < min || v > max) invalid(field, `out of range ${min}..${max}`);
  return v;
}

function strOf(v: unknown, max: number, field: string): string {
  if (typeof v !== 'string') invalid(field, 'text expected');
  if (v.length > max) invalid(field, `longer than ${max} characters`);
  return v;
}

/** Record answer (batteries, matrix, ...): only known items; returns present items. */
function recordOf(v: unknown, items: string[], field: string): Record<string, unknown> {
  if (!isRecord(v)) invalid(field, 'object expected');
  for (const k of Object.keys(v)) if (!items.includes(k)) invalid(`${field}.${k}`, 'unknown item');
  return Object.fromEntries(Object.entries(v).filter(([, x]) => present(x)));
}

/** Validates one question's answer and returns its long rows. */
function rowsFor(q: TQuestion, v: TAnswerValue, answers: TAnswers, complete: boolean): TLongRow[] {
  const f = `answers.${q.key}`;
  const row = (item: string, num: number | null, txt: string | null): TLongRow => ({
    questionKey: q.key,
    item,
    tag: tagFor(q, item),
    num,
    txt,
  });
  switch (q.type) {
    case 'rating':
      return [row('', intIn(v, q.min, q.max, f), null)];
    case 'csat':
      return [row('', intIn(v, 1, 5, f), null)];
    case 'scale':
      return [row('', intIn(v, 1, q.points, f), null)];
    case 'number': {
      if (!isNum(v)) invalid(f, 'number expected');
      if (q.integer && !Number.isInteger(v)) invalid(f, 'integer expected');
      if (v < q.min || v > q.max) invalid(f, `out of range ${q.min}..${q.max}`);
      return [row('', v, null)];
    }
    case 'servqual':
    case 'matrix':
    case 'constant_sum': {
      const items = q.type === 'matrix' ? q.rows.map((r) => r.key) : q.items.map((i) => i.key);
      const rec = recordOf(v, items, f);
      if (complete && q.required) {
        const miss = items.find((k) => !(k in rec));
        if (miss) throw new AppError('SURVEY_ANSWER_REQUIRED', { field: `${f}.${miss}` });
      }
      const cols = q.type === 'matrix' ? q.columns.map((c) => c.value) : [];
      const out = Object.entries(rec).map(([k, x]) => {
        const fi = `${f}.${k}`;
        let n: number;
        if (q.type === 'servqual') n = intIn(x, 1, q.points, fi);
        else if (q.type === 'constant_sum') n = intIn(x, 0, q.total, fi);
        else {
          if (!isInt(x) || !cols.includes(x)) invalid(fi, 'not one of the columns');
          n = x;
        }
        return row(k, n, null);
      });
      if (q.type === 'constant_sum' && out.length > 0) {
        const sum = out.reduce((s, r) => s + (r.num ?? 0), 0);
        if ((complete && sum !== q.total) || sum > q.total) {
          throw new AppError('SURVEY_CONSTANT_SUM', { field: f, sum, total: q.total });
        }
      }
      return out;
    }
    case 'kano': {
      const rec = recordOf(v, ['functional', 'dysfunctional'], f);
      if (complete && q.required) {
        for (const k of ['functional', 'dysfunctional'])
          if (!(k in rec)) throw new AppError('SURVEY_ANSWER_REQUIRED', { field: `${f}.${k}` });
      }
      return Object.entries(rec).map(([k, x]) => row(k, intIn(x, 1, 5, `${f}.${k}`), null));
    }
    case 'value': {
      if (!isRecord(v)) invalid(f, 'object expected');
      for (const k of Object.keys(v))
        if (!['price', 'benefits', 'wtp'].includes(k)) invalid(`${f}.${k}`, 'unknown item');
      const out: TLongRow[] = [];
      if (present(v.price)) out.push(row('price', intIn(v.price, 1, q.points, `${f}.price`), null));
      if (present(v.benefits)) {
        const rec = recordOf(
          v.benefits,
          q.benefits.map((b) => b.key),
          `${f}.benefits`,
        );
        for (const [k, x] of Object.entries(rec))
          out.push(row(k, intIn(x, 1, q.points, `${f}.benefits.${k}`), null));
      }
      if (present(v.wtp)) {
        if (!isNum(v.wtp) || v.wtp < 0 || v.wtp > q.wtpMax)
          invalid(`${f}.wtp`, `amount 0..${q.wtpMax} expected`);
        out.push(row('wtp', v.wtp, null));
      }
      if (complete && q.required && !out.some((r) => r.item === 'price')) {
        throw new AppError('SURVEY_ANSWER_REQUIRED', { field: `${f}.price` });
      }
      return out;
    }
    case 'single': {
      const s = strOf(v, 200, f);
      if (q.allowOther && s === 'other') {
        const other = answers[`${q.key}__other`];
        const out = [row('', null, 'other')];
        if (present(other))
          out.push(row('other', null, strOf(other, MAX_SHORT_TEXT, `${f}__other`)));
        return out;
      }
      const i = q.options.findIndex((o) => o.value === s);
      if (i < 0) invalid(f, 'not one of the options');
      return [row('', q.options[i]?.code ?? i + 1, s)];
    }
    case 'multiple': {
      if (!Array.isArray(v)) invalid(f, 'list expected');
      if (new Set(v).size !== v.length) invalid(f, 'repeated option');
      const rows = v.map((s) => {
        const i = q.options.findIndex((o) => o.value === s);
        if (i < 0) invalid(f, `not one of the options: ${String(s)}`);
        return row(String(s), q.options[i]?.code ?? i + 1, String(s));
      });
      if (q.maxSelected !== undefined && rows.length > q.maxSelected)
        invalid(f, `at most ${q.maxSelected}`);
      if (complete && q.minSelected !== undefined && rows.length < q.minSelected)
        invalid(f, `at least ${q.minSelected}`);
      return rows;
    }
    case 'text':
      return [row('', null, strOf(v, q.maxLength, f))];
    case 'contact': {
      const rec = recordOf(v, q.fields, f);
      return Object.entries(rec).map(([k, x]) => {
        const s = strOf(x, 320, `${f}.${k}`);
        if (k === 'email' && !EMAIL_PATTERN.test(s)) invalid(`${f}.email`, 'email expected');
        return row(k, null, s);
      });
    }
    case 'date': {
      const s = strOf(v, 10, f);
      if (!isIsoDate(s)) invalid(f, 'date YYYY-MM-DD expected');
      if ((q.min && s < q.min) || (q.max && s > q.max)) invalid(f, 'date out of range');
      return [row('', null, s)];
    }
  }
}

/**
 * Checks every answer of a submission against the definition. Partial submissions check values
 * but not required-ness. Returns the long-format rows to store.
 */
export function evaluateAnswers(
  def: TSurveyDefinition,
  answers: TAnswers,
  status: 'partial' | 'complete',
): TLongRow[] {
  const complete = status === 'complete';
  const known = new Map<string, TQuestion>();
  for (const p of def.pages) for (const q of p.questions) known.set(q.key, q);
  for (const k of Object.keys(answers)) {
    if (known.has(k)) continue;
    const base = k.endsWith('__other') ? known.get(k.slice(0, -7)) : undefined;
    if (base?.type === 'single' && base.allowOther) continue;
    throw new AppError('SURVEY_ANSWER_UNKNOWN', { field: `answers.${k}` });
  }
  const rows: TLongRow[] = [];
  for (const p of def.pages) {
    for (const q of p.questions) {
      const v = answers[q.key];
      // the very rule the respondent page pages with (survey-logic/display.ts)
      if (!questionShown(p, q, answers)) {
        if (present(v)) throw new AppError('SURVEY_ANSWER_HIDDEN', { field: `answers.${q.key}` });
        continue;
      }
      if (isEmptyAnswer(v)) {
        if (complete && q.required)
          throw new AppError('SURVEY_ANSWER_REQUIRED', { field: `answers.${q.key}` });
        continue;
      }
      rows.push(...rowsFor(q, v as TAnswerValue, answers, complete));
    }
  }
  return rows;
}
