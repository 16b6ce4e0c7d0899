// gap 1, gap causes and audit scoring against values computed independently with numpy/scipy
// from the rules of docs/cli-analyze.md (fixtures/quality-gaps/make_reference.py). Numbers agree
// to 1e-12 relative (exactly when the reference is 0); all else (keys, order, nulls) exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  gap1,
  gapCauses,
  scoreAudit,
  type TAuditChecklist,
  type TAuditVisit,
  type TGapCauseItem,
} from '../src/index';

type N = number | null;
const ref = JSON.parse(
  readFileSync(new URL('./fixtures/quality-gaps/reference.json', import.meta.url), 'utf8'),
) as {
  gap1: { data: { customers: N[][]; managers: N[][] }; expected: unknown };
  gapCauses: { data: { items: TGapCauseItem[]; rows: N[][] }; expected: unknown };
  audit: { data: { checklist: TAuditChecklist; visits: TAuditVisit[] }; expected: unknown };
};

const REL = 1e-12;

/** Deep comparison: same keys in the same order, numbers within REL, the rest equal. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    expect(Math.abs(a - expected), `${path}: ${a} vs ${expected}`).toBeLessThanOrEqual(
      REL * Math.abs(expected),
    );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    for (const [i, e] of expected.entries()) {
      expectClose((actual as unknown[])[i], e, `${path}[${i}]`);
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const [k, e] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('reference values (numpy/scipy)', () => {
  it('gap 1: Welch–Satterthwaite intervals, null and [gap, gap] cases, dimensions', () => {
    const { customers, managers } = ref.gap1.data;
    expectClose(gap1(customers, managers), ref.gap1.expected);
  });

  it('gap causes: reverse scoring, factor scores, alpha over complete cases, gaps', () => {
    const { items, rows } = ref.gapCauses.data;
    expectClose(gapCauses(items, rows), ref.gapCauses.expected);
  });

  it('audit: visits, units, competitors, standards, items', () => {
    const { checklist, visits } = ref.audit.data;
    expectClose(scoreAudit(checklist, visits), ref.audit.expected);
  });
});
