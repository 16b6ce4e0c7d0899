// Audit scoring on a small checklist worked by hand (t quantile from scipy.stats.t.ppf).
import { describe, expect, it } from 'vitest';
import {
  auditChecklistProblems,
  scoreAudit,
  scoreAuditVisit,
  type TAuditChecklist,
  type TAuditVisit,
} from './audit';

const T975_DF1 = 12.706204736174694;

const checklist: TAuditChecklist = {
  items: [
    { key: 'saludo', section: 'acogida', type: 'yesno', critical: true, standard: 'STD-1' },
    { key: 'espera', section: 'acogida', type: 'number', max: 5, weight: 2, standard: 'STD-2' },
    { key: 'limpieza', section: 'local', type: 'scale', min: 1, max: 5, pass: 4, weight: 2 },
    { key: 'temperatura', section: 'local', type: 'number', min: 20, max: 25 },
    { key: 'trato', section: 'trato', type: 'scale', min: 0, max: 10, standard: 'STD-1' },
  ],
};

function visit(id: string, unit: string, kind: TAuditVisit['kind'], a: TAuditVisit['answers']) {
  return { id, unit, kind, answers: a };
}

describe('scoreAuditVisit', () => {
  it('yes/no, number on target, scale partial credit; sections in checklist order', () => {
    // saludo yes 1; espera 3 ≤ 5 → 2; limpieza 3 → 2·(3 − 1)/4 = 1 (not met: < 4);
    // temperatura 26 > 25 → 0; trato 8 → 0.8. earned 4.8 of 7.
    const r = scoreAuditVisit(
      checklist,
      visit('V1', 'Centro', 'mystery', {
        saludo: true,
        espera: 3,
        limpieza: 3,
        temperatura: 26,
        trato: 8,
      }),
    );
    expect(r).toMatchObject({ visit: 'V1', unit: 'Centro', kind: 'mystery', possible: 7 });
    expect(r.earned).toBeCloseTo(4.8, 14);
    expect(r.score).toBeCloseTo(4.8 / 7, 14);
    expect(r.finalScore).toBe(r.score);
    expect(r.criticalFailed).toEqual([]);
    expect(r.sections.map((s) => s.section)).toEqual(['acogida', 'local', 'trato']);
    expect(r.sections[0]?.score).toBe(1);
    expect(r.sections[1]?.score).toBeCloseTo(1 / 3, 14);
    expect(r.sections[2]?.score).toBeCloseTo(0.8, 14);
  });

  it('a failed critical item sets finalScore to 0 and is listed', () => {
    const r = scoreAuditVisit(
      checklist,
      visit('V2', 'Centro', 'audit', { saludo: false, espera: 4, limpieza: 5, trato: 10 }),
    );
    // earned 0 + 2 + 2 + 1 = 5 of 6 (temperatura blank)
    expect(r.score).toBeCloseTo(5 / 6, 14);
    expect(r.finalScore).toBe(0);
    expect(r.criticalFailed).toEqual(['saludo']);
  });

  it('na is not applicable and not unanswered; blank is both left out and counted', () => {
    const r = scoreAuditVisit(
      checklist,
      visit('V3', 'Norte', 'audit', { saludo: 'na', espera: null, limpieza: 5, trato: 'na' }),
    );
    // only limpieza applies: 2 of 2; temperatura absent and espera blank → unanswered 2
    expect(r).toMatchObject({ earned: 2, possible: 2, score: 1, finalScore: 1, unanswered: 2 });
    expect(r.criticalFailed).toEqual([]); // a critical item marked na cannot fail
    expect(r.sections).toEqual([
      { section: 'acogida', score: null },
      { section: 'local', score: 1 },
      { section: 'trato', score: null },
    ]);
  });

  it('nothing applicable: score and finalScore null', () => {
    const r = scoreAuditVisit(checklist, visit('V4', 'Norte', 'audit', { saludo: 'na' }));
    expect(r).toMatchObject({ earned: 0, possible: 0, score: null, finalScore: null });
    expect(r.unanswered).toBe(4);
  });

  it('number bounds: either may be absent, both inclusive; scale pass defaults to max', () => {
    const c: TAuditChecklist = {
      items: [
        { key: 'lo', section: 's', type: 'number', min: 3 },
        { key: 'hi', section: 's', type: 'number', max: 3 },
        { key: 'sc', section: 's', type: 'scale', min: 1, max: 7, critical: true },
      ],
    };
    const at = (lo: number, hi: number, sc: number) =>
      scoreAuditVisit(c, visit('X', 'U', 'audit', { lo, hi, sc }));
    expect(at(3, 3, 7)).toMatchObject({ earned: 3, criticalFailed: [], finalScore: 1 });
    // sc 6 earns 5/6 of its weight but is below the default pass (max 7): critical failure
    const r = at(2.9, 3.1, 6);
    expect(r.earned).toBeCloseTo(5 / 6, 14);
    expect(r.criticalFailed).toEqual(['sc']);
    expect(r.finalScore).toBe(0);
  });
});

describe('scoreAudit', () => {
  const visits = [
    visit('A1', 'Centro', 'audit', {
      saludo: true,
      espera: 3,
      limpieza: 5,
      temperatura: 22,
      trato: 10,
    }),
    visit('R1', 'Banco Rival', 'competitor', {
      saludo: false,
      espera: 9,
      limpieza: 1,
      temperatura: 30,
      trato: 0,
    }),
    visit('A2', 'Norte', 'mystery', {
      saludo: true,
      espera: 6,
      limpieza: 3,
      temperatura: 'na',
      trato: 5,
    }),
    visit('A3', 'Centro', 'mystery', {
      saludo: false,
      espera: 5,
      limpieza: 4,
      temperatura: 21,
      trato: 6,
    }),
    visit('R2', 'Banco Rival', 'competitor', { saludo: true, espera: 1, limpieza: 5, trato: 10 }),
  ];
  const r = scoreAudit(checklist, visits);

  it('units by first appearance, means over scored visits, t interval, critical fail rate', () => {
    // A1: 7/7 = 1. A3: 0 + 2 + 2·3/4 + 1 + 0.6 = 5.1 of 7, critical failed → final 0.
    expect(r.units.map((u) => u.unit)).toEqual(['Centro', 'Norte']);
    const c = r.units[0];
    expect(c?.visits).toBe(2);
    expect(c?.meanScore).toBeCloseTo((1 + 5.1 / 7) / 2, 14);
    expect(c?.meanFinalScore).toBe(0.5);
    // finals 1 and 0: sd = √0.5, half-width t(0.975, 1)·√0.5/√2 = 12.706…/2
    expect(Math.abs((c?.ci95?.[0] as number) - (0.5 - T975_DF1 / 2))).toBeLessThan(1e-8);
    expect(Math.abs((c?.ci95?.[1] as number) - (0.5 + T975_DF1 / 2))).toBeLessThan(1e-8);
    expect(c?.criticalFailRate).toBe(0.5);
    // Norte: one visit → no interval. 1 + 0 + 1 + 0.5 = 2.5 of 6
    expect(r.units[1]).toMatchObject({ visits: 1, ci95: null, criticalFailRate: 0 });
    expect(r.units[1]?.meanScore).toBeCloseTo(2.5 / 6, 14);
  });

  it('competitors apart, never in units, standards or items', () => {
    expect(r.competitors).toHaveLength(1);
    const rv = r.competitors[0];
    expect(rv).toMatchObject({ unit: 'Banco Rival', visits: 2 });
    expect(Object.keys(rv ?? {})).toEqual(['unit', 'visits', 'meanScore', 'meanFinalScore']);
    // R1: 0 of 7 → final 0 (critical failed too); R2: 1 + 2 + 2 + 1 = 6 of 6
    expect(rv?.meanScore).toBe(0.5);
    expect(rv?.meanFinalScore).toBe(0.5);
    // saludo over own visits only: yes, yes, no → n 3, met 2
    expect(r.items[0]).toEqual({ item: 'saludo', n: 3, met: 2, compliance: 2 / 3 });
    // temperatura: A1 22 met, A2 na, A3 21 met → n 2
    expect(r.items[3]).toEqual({ item: 'temperatura', n: 2, met: 2, compliance: 1 });
    expect(r.visits.map((v) => v.visit)).toEqual(['A1', 'R1', 'A2', 'A3', 'R2']);
  });

  it('standards in checklist order pool their items', () => {
    // STD-1 = saludo (2 of 3) + trato (met only at 10: A1 → 1 of 3) → 3 of 6
    // STD-2 = espera ≤ 5: A1 3, A2 6, A3 5 → 2 of 3
    expect(r.standards).toEqual([
      { standard: 'STD-1', n: 6, met: 3, compliance: 0.5 },
      { standard: 'STD-2', n: 3, met: 2, compliance: 2 / 3 },
    ]);
  });

  it('compliance null when no own visit observed the item', () => {
    const only = scoreAudit(checklist, [visits[1] as TAuditVisit]);
    expect(only.units).toEqual([]);
    expect(only.items[0]).toEqual({ item: 'saludo', n: 0, met: 0, compliance: null });
    expect(only.standards[0]?.compliance).toBeNull();
  });

  it('rejects an invalid checklist and an answer of the wrong type', () => {
    const bad: TAuditChecklist = {
      items: [
        { key: 'a', section: 's', type: 'scale', min: 5, max: 1 },
        { key: 'a', section: 's', type: 'yesno', pass: 1 },
        { key: 'b', section: 's', type: 'scale', max: 7 },
        { key: 'c', section: 's', type: 'scale', min: 1, max: 7, pass: 9 },
      ],
    };
    expect(auditChecklistProblems(bad)).toEqual([
      'items[0].max: must be above min',
      'items[1].key: duplicate key "a"',
      'items[1].pass: not used by a yesno item',
      'items[2].min: required for a scale item',
      'items[3].pass: outside the scale 1–7',
    ]);
    expect(() => scoreAudit(bad, [])).toThrow(RangeError);
    expect(() => scoreAudit(checklist, [visit('X', 'U', 'audit', { saludo: 3 })])).toThrow(
      /item saludo: expected yes, no or na/,
    );
    expect(() => scoreAudit(checklist, [visit('X', 'U', 'audit', { trato: 11 })])).toThrow(
      /outside the scale 0–10/,
    );
  });
});
