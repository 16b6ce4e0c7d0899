// Reading one row of a response import: the survey's wide export layout (one column per question
// item, named `key` or `key.item`) turned back into the answers object a submission carries, so
// the submission's own validation (answers.ts) decides what is acceptable. Pure.
import type { TAnswers, TImportRejection, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import { CHANNELS, columnName, questionType } from '@fidelia/contracts/survey-logic';
import { parseNumber } from '../../../lib/tabular';

/** Export metadata columns this import reads (respondent id first: `response_id` of an export). */
export const RESPONDENT_COLUMNS = ['respondent_id', 'response_id'] as const;
const META_COLUMNS = new Set([
  ...RESPONDENT_COLUMNS,
  'submitted_at',
  'started_at',
  'channel',
  'unit',
  'org_unit',
  'customer_external_id',
  'language',
  'status',
]);
/** Columns an export writes that an import cannot take over (they describe the source system). */
const IGNORED_COLUMNS = new Set(['version', 'entered_by', 'duplicate_of', 'customer_id']);

type TCellKind = 'int' | 'num' | 'text' | 'choice' | 'flag';
interface TAnswerColumn {
  index: number;
  name: string;
  question: TQuestion;
  /** '' for single-value questions */
  item: string;
  kind: TCellKind;
}

export interface TColumnPlan {
  header: string[];
  answers: TAnswerColumn[];
  meta: Map<string, number>;
  respondentColumn: string | null;
  ignored: string[];
  unknown: string[];
  missingRequired: string[];
}

/** The columns a question is exported to, with how each cell is read back (type registry). */
function columnsOf(q: TQuestion): Array<{ item: string; kind: TCellKind }> {
  // labels are not needed to read a cell; the language only picks them
  return questionType(q)
    .columns(q, 'es')
    .map((c) => ({ item: c.item, kind: c.cell }));
}

const norm = (h: string) => h.trim().toLowerCase();

export function planColumns(def: TSurveyDefinition, header: string[]): TColumnPlan {
  const byName = new Map<string, { question: TQuestion; item: string; kind: TCellKind }>();
  const questions: TQuestion[] = [];
  for (const p of def.pages)
    for (const q of p.questions) {
      questions.push(q);
      for (const c of columnsOf(q)) byName.set(columnName(q.key, c.item), { question: q, ...c });
    }
  const plan: TColumnPlan = {
    header,
    answers: [],
    meta: new Map(),
    respondentColumn: null,
    ignored: [],
    unknown: [],
    missingRequired: [],
  };
  header.forEach((raw, index) => {
    const h = raw.trim();
    if (h === '') return;
    const a = byName.get(h);
    if (a) plan.answers.push({ index, name: h, ...a });
    else if (META_COLUMNS.has(norm(h)) && !plan.meta.has(norm(h))) plan.meta.set(norm(h), index);
    else if (IGNORED_COLUMNS.has(norm(h))) plan.ignored.push(h);
    else plan.unknown.push(h);
  });
  // `unit` (the import's name) and `org_unit` (the export's) mean the same.
  if (!plan.meta.has('unit') && plan.meta.has('org_unit'))
    plan.meta.set('unit', plan.meta.get('org_unit') as number);
  plan.respondentColumn =
    RESPONDENT_COLUMNS.map((c) => (plan.meta.has(c) ? header[plan.meta.get(c) as number] : null))
      .find((x) => x)
      ?.trim() ?? null;
  const covered = new Set(plan.answers.map((a) => a.question.key));
  plan.missingRequired = questions
    .filter((q) => q.required && !q.displayIf && !covered.has(q.key))
    .map((q) => q.key);
  return plan;
}

export interface TRowContext {
  decimalComma: boolean;
  /** lower-cased unit name (and id) -> unit id; null value = the name is ambiguous */
  units: ReadonlyMap<string, string | null>;
  languages: readonly string[];
  defaultLanguage: string;
  now: number;
}

export interface TParsedRow {
  respondentId: string;
  status: 'complete' | 'partial';
  submittedAt: string | null;
  startedAt: string | null;
  channel: string;
  language: string;
  unitId: string | null;
  unitName: string | null;
  customerExternalId: string | null;
  answers: TAnswers;
}

export type TRowResult = { ok: true; row: TParsedRow } | { ok: false; errors: TImportRejection[] };

const TRUE = new Set(['1', 'true', 'yes', 'y', 'si', 'sí', 'x']);
const FALSE = new Set(['0', 'false', 'no', 'n']);

/**
 * A date as spreadsheets write it: ISO 8601 (with or without time; a date alone is midnight
 * UTC), or day/month/year as Spanish spreadsheets do. Null when unreadable.
 */
export function parseWhen(s: string): string | null {
  const t = s.trim();
  let iso: string | null = null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    t,
  );
  if (dmy) {
    const [, d, m, y, hh = '0', mm = '0', ss = '0'] = dmy;
    const p = (x: string) => x.padStart(2, '0');
    iso = `${y}-${p(m as string)}-${p(d as string)}T${p(hh)}:${p(mm)}:${p(ss)}Z`;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(t)) iso = `${t}T00:00:00Z`;
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t))
    iso = /Z|[+-]\d{2}:?\d{2}$/.test(t) ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}Z`;
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const out = new Date(ms).toISOString();
  // 31/02/2024 parses to 2 March in JS: a date that does not round-trip is not a date.
  if (dmy || /^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ymd = dmy
      ? `${dmy[3]}-${(dmy[2] as string).padStart(2, '0')}-${(dmy[1] as string).padStart(2, '0')}`
      : t.slice(0, 10);
    if (!/[+-]\d{2}:?\d{2}$/.test(t) && out.slice(0, 10) !== ymd) return null;
  }
  return out;
}

/** Turns one file row into a submission-shaped row, or the reasons it cannot be one. */
export function readRow(
  plan: TColumnPlan,
  line: number,
  values: readonly string[],
  ctx: TRowContext,
): TRowResult {
  const errors: TImportRejection[] = [];
  const reject = (column: string, value: string, reason: string) =>
    errors.push({ row: line, column, value, reason });
  const cell = (name: string) => {
    const i = plan.meta.get(name);
    return i === undefined ? '' : (values[i] ?? '').trim();
  };
  const colName = (name: string) => {
    const i = plan.meta.get(name);
    return i === undefined ? name : (plan.header[i] ?? name).trim();
  };

  const respondentId = plan.respondentColumn
    ? cell(plan.meta.has('respondent_id') ? 'respondent_id' : 'response_id')
    : '';
  if (respondentId === '')
    reject(plan.respondentColumn ?? 'respondent_id', '', 'respondent_id_missing');
  else if (respondentId.length > 200) reject(plan.respondentColumn ?? '', respondentId, 'too_long');

  const statusCell = cell('status').toLowerCase();
  const status = statusCell === 'partial' ? 'partial' : 'complete';
  if (statusCell !== '' && statusCell !== 'partial' && statusCell !== 'complete')
    reject(colName('status'), statusCell, 'unknown_status');

  const whenCell = cell('submitted_at');
  let submittedAt: string | null = null;
  if (whenCell === '') {
    if (status === 'complete') reject(colName('submitted_at'), '', 'submitted_at_missing');
  } else {
    submittedAt = parseWhen(whenCell);
    if (!submittedAt) reject(colName('submitted_at'), whenCell, 'bad_date');
    else if (Date.parse(submittedAt) > ctx.now)
      reject(colName('submitted_at'), whenCell, 'future_date');
  }
  const startedCell = cell('started_at');
  const startedAt = startedCell === '' ? null : parseWhen(startedCell);
  if (startedCell !== '' && !startedAt) reject(colName('started_at'), startedCell, 'bad_date');

  const channelCell = cell('channel').toLowerCase();
  // Historical files often carry no channel; 'web' is the product's default channel.
  const channel = channelCell === '' ? 'web' : channelCell;
  if (!(CHANNELS as readonly string[]).includes(channel))
    reject(colName('channel'), cell('channel'), 'unknown_channel');

  const langCell = cell('language').toLowerCase();
  const language = langCell === '' ? ctx.defaultLanguage : langCell;
  if (!ctx.languages.includes(language)) reject(colName('language'), langCell, 'unknown_language');

  const unitCell = cell('unit');
  let unitId: string | null = null;
  if (unitCell !== '') {
    const u = ctx.units.get(unitCell.toLowerCase());
    if (u === undefined) reject(colName('unit'), unitCell, 'unknown_unit');
    else if (u === null) reject(colName('unit'), unitCell, 'ambiguous_unit');
    else unitId = u;
  }
  const customerExternalId = cell('customer_external_id') || null;

  const answers: TAnswers = {};
  const put = (q: TQuestion, item: string, v: unknown) => {
    if (!item) {
      answers[q.key] = v as never;
      return;
    }
    if (q.type === 'single') {
      answers[`${q.key}__other`] = v as never;
      return;
    }
    if (q.type === 'multiple') {
      const list = (answers[q.key] ?? []) as unknown[];
      if (v === true) list.push(item);
      answers[q.key] = list as never;
      return;
    }
    const rec = (answers[q.key] ?? {}) as Record<string, unknown>;
    if (q.type === 'value' && item !== 'price' && item !== 'wtp') {
      const b = (rec.benefits ?? {}) as Record<string, unknown>;
      b[item] = v;
      rec.benefits = b;
    } else rec[item] = v;
    answers[q.key] = rec as never;
  };
  for (const c of plan.answers) {
    const raw = (values[c.index] ?? '').trim();
    if (raw === '') continue;
    switch (c.kind) {
      case 'int':
      case 'num': {
        const n = parseNumber(raw, { decimalComma: ctx.decimalComma });
        if (n === null || Number.isNaN(n)) reject(c.name, raw, 'not_a_number');
        else put(c.question, c.item, n);
        break;
      }
      case 'flag': {
        const v = raw.toLowerCase();
        if (TRUE.has(v)) put(c.question, c.item, true);
        else if (FALSE.has(v)) put(c.question, c.item, false);
        else reject(c.name, raw, 'not_yes_no');
        break;
      }
      case 'choice': {
        // The export writes the option's value; a numeric file (SPSS) writes its code.
        const q = c.question as Extract<TQuestion, { type: 'single' }>;
        const byValue = q.options.find((o) => o.value === raw);
        const byCode = q.options.find((o, i) => String(o.code ?? i + 1) === raw);
        put(q, '', byValue?.value ?? (raw === 'other' ? raw : (byCode?.value ?? raw)));
        break;
      }
      case 'text':
        put(c.question, c.item, raw);
        break;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    row: {
      respondentId,
      status,
      submittedAt: status === 'complete' ? submittedAt : null,
      startedAt,
      channel,
      language,
      unitId,
      unitName: unitCell || null,
      customerExternalId,
      answers,
    },
  };
}

/** The column of the file a validation error's field (`answers.<key>[.<item>]`) points at. */
export function columnOfField(field: unknown): string {
  if (typeof field !== 'string') return '';
  const f = field.replace(/^answers\./, '');
  const other = /^(.+)__other$/.exec(f);
  if (other) return `${other[1]}.other`;
  // value questions nest benefits: answers.v.benefits.b1 is exported as v.b1
  return f.replace(/\.benefits\./, '.').replace(/\.benefits$/, '');
}
