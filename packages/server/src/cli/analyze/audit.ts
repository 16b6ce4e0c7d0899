// `fidelia analyze audit --checklist FILE.json --visits FILE.csv`: scores audits and
// mystery-shopping visits with the same scorer as the product's audit module (@fidelia/stats).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  AUDIT_KINDS,
  auditAnswerProblem,
  auditChecklistProblems,
  scoreAudit,
  type TAuditAnswer,
  type TAuditChecklist,
  type TAuditKind,
  type TAuditResult,
  type TAuditVisit,
} from '@fidelia/stats';
import { z } from 'zod';
import { parseNumber } from '../../lib/tabular/number';
import { CliError } from '../errors';
import { columnName, dataRows, openInput, requireColumn } from './input';
import { ci, type TReport } from './output';

// null counts as absent: checklists exported from spreadsheets often write "min": null
const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);
const ZChecklist = z.object({
  items: z
    .array(
      z.object({
        key: z.string().trim().min(1),
        section: z.string().trim().min(1),
        type: z.enum(['yesno', 'number', 'scale']),
        weight: optionalNumber,
        critical: z
          .boolean()
          .nullish()
          .transform((v) => v ?? undefined),
        standard: z
          .string()
          .trim()
          .min(1)
          .nullish()
          .transform((v) => v ?? undefined),
        min: optionalNumber,
        max: optionalNumber,
        pass: optionalNumber,
      }),
    )
    .min(1),
});

const FIXED = ['visit_id', 'unit', 'kind'];

function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || '(document)';
}

export function readChecklist(path: string): TAuditChecklist {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`${path}: file not found`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CliError(`${name}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = ZChecklist.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`${name}: ${fieldPath(issue?.path ?? [])}: ${issue?.message}`);
  }
  const checklist = parsed.data;
  const problems = auditChecklistProblems(checklist);
  const keys = new Map<string, number>();
  checklist.items.forEach((it, i) => {
    const k = it.key.toLowerCase();
    if (FIXED.includes(k)) problems.push(`items[${i}].key: "${it.key}" is a reserved column`);
    // CSV headers are matched case-insensitively, so these would be one column
    const j = keys.get(k);
    if (j !== undefined && checklist.items[j]?.key !== it.key) {
      problems.push(`items[${i}].key: "${it.key}" differs from items[${j}].key only in case`);
    }
    keys.set(k, i);
  });
  if (problems.length > 0) throw new CliError(`${name}: ${problems[0]}`);
  return checklist;
}

export async function analyzeAudit(checklistPath: string, visitsPath: string): Promise<TReport> {
  const checklist = readChecklist(checklistPath);
  const input = await openInput(visitsPath);
  const [idCol, unitCol, kindCol] = FIXED.map((c) => requireColumn(input, c)) as [
    number,
    number,
    number,
  ];
  const known = new Set(checklist.items.map((it) => it.key.toLowerCase()));
  input.file.header.forEach((h, i) => {
    if (FIXED.includes(h.trim().toLowerCase()) || known.has(h.trim().toLowerCase())) return;
    throw new CliError(
      `${input.name}: row 1, column ${h || i + 1}: unknown item key "${h}" (not in ${basename(checklistPath)})`,
    );
  });
  const itemCols = checklist.items.map((it) => requireColumn(input, it.key));
  const visits: TAuditVisit[] = [];
  const seen = new Map<string, number>();
  for await (const row of dataRows(input)) {
    const at = (col: number) => `${input.name}: row ${row.line}, column ${columnName(input, col)}`;
    const id = (row.values[idCol] ?? '').trim();
    if (id === '') throw new CliError(`${at(idCol)}: visit_id is blank`);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new CliError(`${at(idCol)}: duplicate visit_id "${id}" (first in row ${first})`);
    }
    seen.set(id, row.line);
    const unit = (row.values[unitCol] ?? '').trim();
    if (unit === '') throw new CliError(`${at(unitCol)}: unit is blank`);
    const kind = (row.values[kindCol] ?? '').trim().toLowerCase() as TAuditKind;
    if (!AUDIT_KINDS.includes(kind)) {
      throw new CliError(
        `${at(kindCol)}: "${row.values[kindCol] ?? ''}" is not a kind (${AUDIT_KINDS.join(', ')})`,
      );
    }
    const answers: Record<string, TAuditAnswer> = {};
    checklist.items.forEach((it, j) => {
      const col = itemCols[j] as number;
      const raw = row.values[col] ?? '';
      const answer = cell(raw, input.file.decimalComma);
      if (answer === undefined) {
        throw new CliError(`${at(col)}: "${raw.trim()}" is not yes, no, a number or na`);
      }
      const problem = auditAnswerProblem(it, answer);
      if (problem) throw new CliError(`${at(col)}: "${raw.trim()}": ${problem}`);
      answers[it.key] = answer;
    });
    visits.push({ id, unit, kind, answers });
  }
  if (visits.length === 0) throw new CliError(`${input.name}: no data rows`);
  const r = scoreAudit(checklist, visits);
  return { json: r, tables: tables(r) };
}

/** A visit cell; undefined when it is none of blank / yes / no / na / n/a / a number. */
function cell(raw: string, decimalComma: boolean): TAuditAnswer | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '') return null;
  if (s === 'yes') return true;
  if (s === 'no') return false;
  if (s === 'na' || s === 'n/a') return 'na';
  const v = parseNumber(s, { decimalComma });
  return v === null || Number.isNaN(v) ? undefined : v;
}

function tables(r: TAuditResult): TReport['tables'] {
  const sections = r.visits[0]?.sections.map((s) => s.section) ?? [];
  return [
    {
      name: 'Audit visits',
      columns: [
        'visit',
        'unit',
        'kind',
        'earned',
        'possible',
        'score',
        'final',
        'critical failed',
        'unanswered',
        ...sections,
      ],
      rows: r.visits.map((v) => [
        v.visit,
        v.unit,
        v.kind,
        v.earned,
        v.possible,
        v.score,
        v.finalScore,
        v.criticalFailed.join(' '),
        v.unanswered,
        ...v.sections.map((s) => s.score),
      ]),
    },
    {
      name: 'Audit units',
      columns: [
        'unit',
        'visits',
        'mean score',
        'mean final',
        'ci95 low',
        'ci95 high',
        'critical fail rate',
      ],
      rows: r.units.map((u) => [
        u.unit,
        u.visits,
        u.meanScore,
        u.meanFinalScore,
        ...ci(u.ci95),
        u.criticalFailRate,
      ]),
    },
    {
      name: 'Audit competitors',
      columns: ['competitor', 'visits', 'mean score', 'mean final'],
      rows: r.competitors.map((c) => [c.unit, c.visits, c.meanScore, c.meanFinalScore]),
    },
    {
      name: 'Audit standards',
      columns: ['standard', 'n', 'met', 'compliance'],
      rows: r.standards.map((s) => [s.standard, s.n, s.met, s.compliance]),
    },
    {
      name: 'Audit items',
      columns: ['item', 'n', 'met', 'compliance'],
      rows: r.items.map((s) => [s.item, s.n, s.met, s.compliance]),
    },
  ];
}
