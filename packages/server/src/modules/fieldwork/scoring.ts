// The bridge between stored checklists/answers and @fidelia/stats' audit scorer: the module
// scores with exactly the function `fidelia analyze audit` uses (scoreAuditVisit / scoreAudit).
import type { TChecklistItem } from '@fidelia/contracts';
import {
  auditAnswerProblem,
  auditChecklistProblems,
  type TAuditAnswer,
  type TAuditChecklist,
  type TAuditChecklistItem,
} from '@fidelia/stats';

export function toStatsItem(it: TChecklistItem): TAuditChecklistItem {
  const out: TAuditChecklistItem = {
    key: it.key,
    section: it.section,
    type: it.type,
    weight: it.weight,
    critical: it.critical,
  };
  if (it.standardId) out.standard = it.standardId;
  if (it.min !== null && it.min !== undefined) out.min = it.min;
  if (it.max !== null && it.max !== undefined) out.max = it.max;
  if (it.pass !== null && it.pass !== undefined) out.pass = it.pass;
  return out;
}

export function toStatsChecklist(items: readonly TChecklistItem[]): TAuditChecklist {
  return { items: items.map(toStatsItem) };
}

export function checklistProblems(items: readonly TChecklistItem[]): string[] {
  const problems = auditChecklistProblems(toStatsChecklist(items));
  const seen = new Set<string>();
  items.forEach((it, i) => {
    const k = it.key.toLowerCase();
    if (['visit_id', 'unit', 'kind'].includes(k))
      problems.push(`items[${i}].key: "${it.key}" is a reserved column`);
    if (seen.has(k)) problems.push(`items[${i}].key: "${it.key}" is repeated`);
    seen.add(k);
  });
  return problems;
}

export function answerProblem(it: TChecklistItem, v: TAuditAnswer): string | null {
  return auditAnswerProblem(toStatsItem(it), v);
}

/** Met / applicable for one answer, the scorer's rule (for corrective actions). */
export function itemOutcome(
  it: TChecklistItem,
  v: TAuditAnswer | undefined,
): 'met' | 'failed' | 'skip' {
  if (v === null || v === undefined || v === 'na') return 'skip';
  if (typeof v === 'boolean') return v ? 'met' : 'failed';
  if (it.type === 'number') {
    const ok =
      (it.min === null || it.min === undefined || v >= it.min) &&
      (it.max === null || it.max === undefined || v <= it.max);
    return ok ? 'met' : 'failed';
  }
  const pass = it.pass ?? it.max ?? 0;
  return v >= pass ? 'met' : 'failed';
}
