// Response exports: CSV/XLSX wide (one row per response, one column per question item) and long
// (one row per answered value), SPSS-friendly numeric CSV + .sps syntax with variable and value
// labels. Built from the long answers table, so every version's responses export together.
// Streamed: responses are read in keyset batches and written as read, so memory stays flat and
// the embedded database is never held by one huge query.
import type { Readable } from 'node:stream';
import type { TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import { columnName, questionType } from '@fidelia/contracts/survey-logic';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { csvStream, xlsxStream } from '../../lib/tabular/stream';
import { unitScope } from '../orgs/service';
import * as repo from './repo';
import { exportFilter, responseBatch, type TExportFilter } from './repo-export';

export interface TColumn {
  name: string; // key or key.item
  question: string;
  item: string;
  label: string;
  /** numeric value labels (SPSS) */
  values: [number, string][];
  kind: 'num' | 'text' | 'choice' | 'flag';
}

/** A question's columns, as its type's record in the registry names and labels them. */
function columnsOf(q: TQuestion, lang: 'es' | 'en'): TColumn[] {
  return questionType(q)
    .columns(q, lang)
    .map((c) => ({
      name: columnName(q.key, c.item),
      question: q.key,
      item: c.item,
      label: c.label,
      values: c.values,
      kind: c.kind,
    }));
}

const META = [
  'response_id',
  'status',
  'version',
  'channel',
  'language',
  'customer_id',
  'org_unit',
  'entered_by',
  'started_at',
  'submitted_at',
  'duplicate_of',
] as const;

/** SPSS variable names: letter first, [A-Za-z0-9_], ≤ 64 chars, unique. */
export function spssNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let s = n
      .replace(/[^A-Za-z0-9_]/g, '_')
      .replace(/^([^A-Za-z])/, 'v$1')
      .slice(0, 60);
    const base = s;
    for (let i = 2; used.has(s.toLowerCase()); i++) s = `${base}_${i}`;
    used.add(s.toLowerCase());
    return s;
  });
}

/** One response as the wide layout reads it. */
interface TResp {
  meta: Record<(typeof META)[number], string | number | null>;
  values: Map<string, { num: number | null; txt: string | null }>;
  answered: Set<string>;
  /** The response's answers in (question_key, item) order, for the long layout. */
  answers: {
    key: string;
    item: string;
    tag: string | null;
    num: number | null;
    txt: string | null;
  }[];
}

interface TPlan {
  def: TSurveyDefinition;
  name: string;
  columns: TColumn[];
  filter: TExportFilter;
}

/** Columns of every published version (first seen wins) and the response filter. */
async function plan(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: { status: string; version?: number | undefined },
): Promise<TPlan> {
  const s = await repo.getSurvey(db, auth.orgId, surveyId);
  if (!s) throw new AppError('NOT_FOUND');
  const defs = await repo.allDefinitions(db, auth.orgId, surveyId);
  const def = defs[0]?.definition ?? s.draft;
  const lang = def.defaultLanguage;
  const columns: TColumn[] = [];
  const seen = new Set<string>();
  for (const d of defs.length ? defs : [{ definition: s.draft }]) {
    for (const p of d.definition.pages)
      for (const qq of p.questions)
        for (const c of columnsOf(qq, lang)) {
          if (seen.has(c.name)) continue;
          seen.add(c.name);
          columns.push(c);
        }
  }
  const unitIds = await unitScope(db, auth);
  const filter = exportFilter(auth.orgId, surveyId, { ...q, unitIds });
  return { def, name: s.name, columns, filter };
}

/** Responses per query: big enough that the round trips do not dominate, small enough that a
 * batch (with its answers) is a few MB and one PGlite query never holds the event loop long. */
export const EXPORT_BATCH = 250;

/**
 * The responses in export order (created_at, id), a keyset batch at a time on
 * survey_responses_survey (org_id, survey_id, created_at, id), each with its answers. Memory
 * holds one batch, whatever the survey's size. The cursor keeps created_at as text so its
 * microseconds survive the round trip (a JS Date would drop them and repeat or skip rows).
 */
async function* batches(db: Sql, p: TPlan, size = EXPORT_BATCH): AsyncGenerator<TResp[]> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await responseBatch(db, p.filter, after, size);
    if (!rows.length) return;
    const batch = rows.map((r): TResp => {
      const x: TResp = {
        meta: {
          response_id: r.id,
          status: r.status,
          version: r.version,
          channel: r.channel,
          language: r.language,
          customer_id: r.customer_id,
          org_unit: r.unit,
          entered_by: r.entered_by,
          started_at: iso(r.started_at),
          submitted_at: iso(r.submitted_at),
          duplicate_of: r.duplicate_of,
        },
        values: new Map(),
        answered: new Set<string>(),
        answers: [],
      };
      for (const [key, item, tag, n, txt] of r.answers ?? []) {
        // JSON has no NaN or ±Infinity: PostgreSQL writes those as text; back to the number.
        const num = typeof n === 'string' ? Number(n) : n;
        x.values.set(item ? `${key}.${item}` : key, { num, txt });
        x.answered.add(key);
        x.answers.push({ key, item, tag, num, txt });
      }
      return x;
    });
    yield batch; // the stream writer gives the event loop a turn after each batch
    const last = rows[rows.length - 1] as { id: string; cursor: string };
    if (rows.length < size) return;
    after = { at: last.cursor, id: last.id };
  }
}

const LONG_HEADER = [
  'response_id',
  'status',
  'version',
  'channel',
  'language',
  'customer_id',
  'org_unit',
  'submitted_at',
  'question_key',
  'item',
  'tag',
  'num',
  'text',
];

function wideRow(columns: TColumn[], r: TResp, numeric: boolean): (string | number | null)[] {
  return [
    ...META.map((m) => r.meta[m]),
    ...columns.map((c) => {
      if (c.kind === 'flag') {
        if (!r.answered.has(c.question)) return null;
        return r.values.has(c.name) ? 1 : 0;
      }
      const v = r.values.get(c.name);
      if (!v) return null;
      if (c.kind === 'choice') return numeric ? v.num : v.txt;
      return v.num ?? v.txt;
    }),
  ];
}

function longRows(r: TResp): (string | number | null)[][] {
  const m = r.meta;
  return r.answers.map((a) => [
    m.response_id,
    m.status,
    m.version,
    m.channel,
    m.language,
    m.customer_id,
    m.org_unit,
    m.submitted_at,
    a.key,
    a.item,
    a.tag,
    a.num,
    a.txt,
  ]);
}

type TExportQuery = {
  format: 'csv' | 'xlsx' | 'spss' | 'spss_labels';
  shape: 'wide' | 'long';
  status: string;
  version?: number | undefined;
};

/** Every data row of the export (header excluded), a batch at a time. */
async function* rowBatches(db: Sql, p: TPlan, q: TExportQuery, size?: number) {
  const numeric = q.format === 'spss';
  const long = q.shape === 'long' && q.format !== 'spss';
  for await (const b of batches(db, p, size))
    yield long ? b.flatMap(longRows) : b.map((r) => wideRow(p.columns, r, numeric));
}

export interface TExportFile {
  body: Readable | string;
  type: string;
  ext: string;
}

/**
 * The export as a stream: rows are written as they are read (one batch in memory), the reader's
 * pace respected. Errors before the first byte (unknown survey) throw; later ones destroy the
 * stream, which cuts the download short rather than leaving a truncated file that looks whole.
 */
export async function exportResponsesStream(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TExportQuery,
  o: { batch?: number } = {},
): Promise<TExportFile> {
  const p = await plan(db, auth, surveyId, q);
  if (q.format === 'spss_labels') {
    const names = spssNames([...META, ...p.columns.map((c) => c.name)]);
    return { body: spssSyntax(p.columns, names), type: 'text/plain; charset=utf-8', ext: 'sps' };
  }
  const header =
    q.format === 'spss'
      ? spssNames([...META, ...p.columns.map((c) => c.name)])
      : q.shape === 'long'
        ? LONG_HEADER
        : [...META, ...p.columns.map((c) => c.name)];
  if (q.format === 'csv' || q.format === 'spss')
    return {
      body: csvStream(header, rowBatches(db, p, q, o.batch)),
      type: 'text/csv; charset=utf-8',
      ext: 'csv',
    };
  const body = xlsxStream([
    {
      name: q.shape === 'long' ? 'Respuestas (largo)' : 'Respuestas',
      header,
      rows: rowBatches(db, p, q, o.batch),
      frozenHeader: true,
    },
    {
      name: 'Variables',
      header: ['variable', 'label', 'values'],
      rows: (async function* () {
        yield p.columns.map((c) => [
          c.name,
          c.label,
          c.values.map(([v, l]) => `${v}=${l}`).join('; '),
        ]);
      })(),
    },
  ]);
  return {
    body,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
  };
}

/** The same export collected in memory, for callers that need the whole file (small surveys). */
export async function exportResponses(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  q: TExportQuery,
): Promise<{ body: Buffer | string; type: string; ext: string }> {
  const f = await exportResponsesStream(db, auth, surveyId, q);
  if (typeof f.body === 'string') return { ...f, body: f.body };
  const chunks: Buffer[] = [];
  for await (const c of f.body) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  const buf = Buffer.concat(chunks);
  return { ...f, body: f.ext === 'xlsx' ? buf : buf.toString('utf8') };
}

const spssStr = (s: string) => `"${s.replace(/"/g, '""').replace(/\s+/g, ' ').slice(0, 250)}"`;

/** SPSS syntax: reads the numeric CSV export, then applies variable and value labels. */
function spssSyntax(cols: TColumn[], names: string[]): string {
  const metaNames = names.slice(0, META.length);
  const colNames = names.slice(META.length);
  const fmt = (c: TColumn) => (c.kind === 'text' ? 'A2000' : 'F8.2');
  const lines = [
    '* Fidelia survey export: run after saving the spss CSV next to this file.',
    'GET DATA /TYPE=TXT /FILE="respuestas.csv" /ENCODING="UTF8" /DELCASE=LINE',
    '  /DELIMITERS="," /QUALIFIER=\'"\' /ARRANGEMENT=DELIMITED /FIRSTCASE=2 /VARIABLES=',
    ...metaNames.map((n, i) => `  ${n} ${i === 2 ? 'F4.0' : 'A64'}`),
    ...cols.map((c, i) => `  ${colNames[i]} ${fmt(c)}`),
    '.',
    'VARIABLE LABELS',
    ...cols.map((c, i) => `  ${colNames[i]} ${spssStr(c.label)}`),
    '.',
  ];
  const withValues = cols.map((c, i) => [c, colNames[i]] as const).filter(([c]) => c.values.length);
  if (withValues.length) {
    lines.push('VALUE LABELS');
    withValues.forEach(([c, n], i) => {
      lines.push(`  ${i ? '/' : ''}${n}`);
      for (const [v, l] of c.values) lines.push(`    ${v} ${spssStr(l)}`);
    });
    lines.push('.');
  }
  lines.push('EXECUTE.', '');
  return lines.join('\n');
}
