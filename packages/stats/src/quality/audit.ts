// Scoring of operational audits and mystery-shopping visits against a weighted checklist.
// One function for the CLI (`fidelia analyze audit`) and the product's audit module, so the
// API takes plain typed data (no CSV, no JSON parsing); callers validate the checklist first
// (`auditChecklistProblems` lists what is wrong in words a caller can show).
import { tIntervalFromSummary } from '../core/descriptives';
import { sampleOf } from './gap1';

export type TAuditItemType = 'yesno' | 'number' | 'scale';

export interface TAuditChecklistItem {
  key: string;
  section: string;
  type: TAuditItemType;
  /** Default 1. */
  weight?: number;
  /** Default false: a failed critical item sets the visit's final score to 0. */
  critical?: boolean;
  /** Id of the standard the item evidences. */
  standard?: string;
  /** number: target lower bound (optional); scale: the scale's lowest point. */
  min?: number;
  /** number: target upper bound (optional); scale: the scale's highest point. */
  max?: number;
  /** scale: lowest value that meets the standard (default `max`). */
  pass?: number;
}

export interface TAuditChecklist {
  items: readonly TAuditChecklistItem[];
}

export type TAuditKind = 'audit' | 'mystery' | 'competitor';
export const AUDIT_KINDS: readonly TAuditKind[] = ['audit', 'mystery', 'competitor'];

/** yes/no → boolean, a number, 'na' = not applicable, null/absent = not observed. */
export type TAuditAnswer = boolean | number | 'na' | null;

export interface TAuditVisit {
  id: string;
  /** The own unit, or the competitor's outlet for kind `competitor`. */
  unit: string;
  kind: TAuditKind;
  answers: Readonly<Record<string, TAuditAnswer | undefined>>;
}

export interface TAuditVisitResult {
  visit: string;
  unit: string;
  kind: TAuditKind;
  earned: number;
  possible: number;
  score: number | null;
  finalScore: number | null;
  criticalFailed: string[];
  unanswered: number;
  sections: { section: string; score: number | null }[];
}

export interface TAuditUnit {
  unit: string;
  visits: number;
  meanScore: number | null;
  meanFinalScore: number | null;
  ci95: [number, number] | null;
  criticalFailRate: number;
}

export interface TAuditCompetitor {
  unit: string;
  visits: number;
  meanScore: number | null;
  meanFinalScore: number | null;
}

export interface TAuditCompliance {
  n: number;
  met: number;
  compliance: number | null;
}

export interface TAuditResult {
  visits: TAuditVisitResult[];
  units: TAuditUnit[];
  competitors: TAuditCompetitor[];
  standards: ({ standard: string } & TAuditCompliance)[];
  items: ({ item: string } & TAuditCompliance)[];
}

/** Problems that make a checklist unusable, as `path: message` strings (empty = valid). */
export function auditChecklistProblems(checklist: TAuditChecklist): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  checklist.items.forEach((it, i) => {
    const at = `items[${i}]`;
    if (seen.has(it.key)) problems.push(`${at}.key: duplicate key "${it.key}"`);
    seen.add(it.key);
    if (it.weight !== undefined && !(it.weight >= 0 && Number.isFinite(it.weight))) {
      problems.push(`${at}.weight: must be a number ≥ 0`);
    }
    if (it.type === 'yesno') {
      for (const f of ['min', 'max', 'pass'] as const) {
        if (it[f] !== undefined) problems.push(`${at}.${f}: not used by a yesno item`);
      }
    } else if (it.type === 'number') {
      if (it.pass !== undefined) problems.push(`${at}.pass: not used by a number item`);
      if (it.min !== undefined && it.max !== undefined && it.min > it.max) {
        problems.push(`${at}.max: below min`);
      }
    } else {
      if (it.min === undefined) problems.push(`${at}.min: required for a scale item`);
      if (it.max === undefined) problems.push(`${at}.max: required for a scale item`);
      if (it.min !== undefined && it.max !== undefined) {
        if (!(it.max > it.min)) problems.push(`${at}.max: must be above min`);
        else if (it.pass !== undefined && (it.pass < it.min || it.pass > it.max)) {
          problems.push(`${at}.pass: outside the scale ${it.min}–${it.max}`);
        }
      }
    }
  });
  return problems;
}

/**
 * Why an answer cannot be scored against the item (null when it can): a yes/no item takes
 * booleans, number and scale items numbers, scale answers within min–max; 'na'/null always.
 */
export function auditAnswerProblem(
  item: TAuditChecklistItem,
  answer: TAuditAnswer | undefined,
): string | null {
  if (answer === null || answer === undefined || answer === 'na') return null;
  if (item.type === 'yesno') return typeof answer === 'boolean' ? null : 'expected yes, no or na';
  if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'expected a number or na';
  if (item.type === 'scale' && (answer < (item.min as number) || answer > (item.max as number))) {
    return `outside the scale ${item.min}–${item.max}`;
  }
  return null;
}

interface TItemOutcome {
  earned: number;
  met: boolean;
}

/** Earned points and met for an applicable answer (assumes auditAnswerProblem is null). */
function outcome(item: TAuditChecklistItem, answer: boolean | number): TItemOutcome {
  const w = item.weight ?? 1;
  if (item.type === 'yesno') {
    const met = answer === true;
    return { earned: met ? w : 0, met };
  }
  const v = answer as number;
  if (item.type === 'number') {
    const met =
      (item.min === undefined || v >= item.min) && (item.max === undefined || v <= item.max);
    return { earned: met ? w : 0, met };
  }
  const min = item.min as number;
  const max = item.max as number;
  return { earned: (w * (v - min)) / (max - min), met: v >= (item.pass ?? max) };
}

function assertScorable(checklist: TAuditChecklist, visit: TAuditVisit): void {
  for (const it of checklist.items) {
    const p = auditAnswerProblem(it, visit.answers[it.key]);
    if (p) throw new RangeError(`visit ${visit.id}, item ${it.key}: ${p}`);
  }
}

/** Per-item outcomes of one visit (undefined = not applicable or not observed). */
function outcomes(checklist: TAuditChecklist, visit: TAuditVisit): (TItemOutcome | undefined)[] {
  assertScorable(checklist, visit);
  return checklist.items.map((it) => {
    const a = visit.answers[it.key];
    return a === null || a === undefined || a === 'na' ? undefined : outcome(it, a);
  });
}

function sectionOrder(checklist: TAuditChecklist): string[] {
  const out: string[] = [];
  for (const it of checklist.items) if (!out.includes(it.section)) out.push(it.section);
  return out;
}

/** Scores one visit (the audit module calls this when a visit is submitted). */
export function scoreAuditVisit(checklist: TAuditChecklist, visit: TAuditVisit): TAuditVisitResult {
  return visitResult(checklist, visit, outcomes(checklist, visit), sectionOrder(checklist));
}

function visitResult(
  checklist: TAuditChecklist,
  visit: TAuditVisit,
  res: readonly (TItemOutcome | undefined)[],
  sections: readonly string[],
): TAuditVisitResult {
  let earned = 0;
  let possible = 0;
  let unanswered = 0;
  const criticalFailed: string[] = [];
  const bySection = new Map<string, { earned: number; possible: number }>(
    sections.map((s) => [s, { earned: 0, possible: 0 }]),
  );
  checklist.items.forEach((it, i) => {
    const a = visit.answers[it.key];
    if (a === null || a === undefined) unanswered++;
    const o = res[i];
    if (!o) return;
    const w = it.weight ?? 1;
    earned += o.earned;
    possible += w;
    const s = bySection.get(it.section) as { earned: number; possible: number };
    s.earned += o.earned;
    s.possible += w;
    if (it.critical && !o.met) criticalFailed.push(it.key);
  });
  const score = possible > 0 ? earned / possible : null;
  return {
    visit: visit.id,
    unit: visit.unit,
    kind: visit.kind,
    earned,
    possible,
    score,
    finalScore: criticalFailed.length > 0 ? 0 : score,
    criticalFailed,
    unanswered,
    sections: sections.map((section) => {
      const s = bySection.get(section) as { earned: number; possible: number };
      return { section, score: s.possible > 0 ? s.earned / s.possible : null };
    }),
  };
}

function meanOrNull(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Scores every visit and summarises own units (kinds audit and mystery), competitors, standards
 * and items. Competitor visits appear in `visits` and `competitors` only. Orders: visits as
 * given, units/competitors by first appearance, standards/items/sections by checklist order.
 * Throws RangeError on an invalid checklist or an answer of the wrong type.
 */
export function scoreAudit(
  checklist: TAuditChecklist,
  visits: readonly TAuditVisit[],
): TAuditResult {
  const problems = auditChecklistProblems(checklist);
  if (problems.length > 0) throw new RangeError(`invalid checklist: ${problems.join('; ')}`);
  const sections = sectionOrder(checklist);
  const itemStats = checklist.items.map(() => ({ n: 0, met: 0 }));
  const results: TAuditVisitResult[] = [];
  const own = new Map<string, TAuditVisitResult[]>();
  const rivals = new Map<string, TAuditVisitResult[]>();
  for (const v of visits) {
    const res = outcomes(checklist, v);
    const r = visitResult(checklist, v, res, sections);
    results.push(r);
    const group = v.kind === 'competitor' ? rivals : own;
    const list = group.get(v.unit) ?? [];
    if (list.length === 0) group.set(v.unit, list);
    list.push(r);
    if (v.kind === 'competitor') continue;
    res.forEach((o, i) => {
      if (!o) return;
      const s = itemStats[i] as { n: number; met: number };
      s.n++;
      if (o.met) s.met++;
    });
  }
  const summary = (unit: string, list: readonly TAuditVisitResult[]) => {
    const scored = list.filter((r) => r.score !== null);
    return {
      unit,
      visits: list.length,
      meanScore: meanOrNull(scored.map((r) => r.score as number)),
      meanFinalScore: meanOrNull(scored.map((r) => r.finalScore as number)),
      finals: scored.map((r) => r.finalScore as number),
    };
  };
  const units = [...own].map(([unit, list]): TAuditUnit => {
    const { finals, ...s } = summary(unit, list);
    const st = sampleOf(finals);
    const ci95 =
      st.mean !== null && st.variance !== null
        ? tIntervalFromSummary(st.n, st.mean, Math.sqrt(st.variance))
        : null;
    return {
      ...s,
      ci95,
      criticalFailRate: list.filter((r) => r.criticalFailed.length > 0).length / list.length,
    };
  });
  const competitors = [...rivals].map(([unit, list]): TAuditCompetitor => {
    const { finals: _, ...s } = summary(unit, list);
    return s;
  });
  const compliance = (n: number, met: number): TAuditCompliance => ({
    n,
    met,
    compliance: n > 0 ? met / n : null,
  });
  const standards: TAuditResult['standards'] = [];
  const stdIndex = new Map<string, { n: number; met: number }>();
  checklist.items.forEach((it, i) => {
    if (it.standard === undefined) return;
    let s = stdIndex.get(it.standard);
    if (!s) {
      s = { n: 0, met: 0 };
      stdIndex.set(it.standard, s);
      standards.push({ standard: it.standard, n: 0, met: 0, compliance: null });
    }
    const is = itemStats[i] as { n: number; met: number };
    s.n += is.n;
    s.met += is.met;
  });
  for (const s of standards) {
    const acc = stdIndex.get(s.standard) as { n: number; met: number };
    Object.assign(s, compliance(acc.n, acc.met));
  }
  return {
    visits: results,
    units,
    competitors,
    standards,
    items: checklist.items.map((it, i) => {
      const s = itemStats[i] as { n: number; met: number };
      return { item: it.key, ...compliance(s.n, s.met) };
    }),
  };
}
