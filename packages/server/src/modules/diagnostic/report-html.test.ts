// The printable diagnostic: self-contained (CSP, no script), user text escaped, es/en wording,
// missing evidence named.
import { describe, expect, it } from 'vitest';
import type { TDiagnostic } from './evidence';
import { diagnosticHtml } from './report-html';

const missing = (m: string) =>
  ({ status: 'missing', missing: m, template: null, link: '/' }) as never;
const d: TDiagnostic = {
  unit: { id: 'u', name: 'Sucursal <b>Norte</b>' },
  period: { from: '2026-01-01', to: '2026-03-31' },
  surveys: {
    customer: null,
    manager: null,
    causes: null,
    options: { customer: [], manager: [], causes: [] },
  },
  gap5: missing('no_customer_survey'),
  gap1: missing('no_manager_survey'),
  gap2: missing('no_standards'),
  gap3: missing('no_audits'),
  gap4: {
    status: 'ok',
    data: {
      promises: [
        {
          id: 'p',
          text: '<script>alert(1)</script> a la primera',
          channel: 'advertising',
          ownerName: null,
          validFrom: null,
          validTo: null,
          items: [],
          perception: null,
          worstGap: null,
          complaints: 2,
          notKept: true,
          reasons: ['complaints'],
          attributeIds: [],
        },
      ],
    },
  },
  causes: missing('no_causes_survey'),
  afterSales: {
    status: 'ok',
    data: {
      attributes: [
        {
          id: 'a1',
          key: 'technical_assistance',
          name: { es: 'Asistencia técnica', en: 'Technical assistance' },
          dimension: 'reliability',
          servqualItems: [7],
          standards: [
            {
              id: 's1',
              code: 'PV-02',
              name: { es: 'Avería atendida en 24 h', en: 'Fault attended within 24 h' },
              n: 10,
              compliance: 0.6,
              failing: true,
            },
          ],
          compliance: { n: 10, met: 6, value: 0.6 },
          promises: [],
          complaints: 2,
          perception: [
            { item: 7, perception: 4.5, expectation: 6.25, gap: -1.75, ci95: [-2.5, -1] },
          ],
          kano: null,
          insights: { count: 0, quotes: [] },
          missing: [],
        },
        {
          id: 'a2',
          key: 'spare_parts',
          name: { es: 'Repuestos <disponibles>', en: 'Spare parts' },
          dimension: null,
          servqualItems: [],
          standards: [],
          compliance: { n: 0, met: 0, value: null },
          promises: [],
          complaints: 0,
          perception: [],
          kano: null,
          insights: { count: 0, quotes: [] },
          missing: [
            { code: 'no_standard', link: '/standards' },
            { code: 'no_customer_measure', link: '/surveys' },
          ],
        },
      ],
    },
  },
  triangle: {
    unitId: 'u',
    assessed: 0,
    meanScore: null,
    orgWide: null,
    link: '/strategy/triangle',
  },
  candidates: [],
  servqualItems: [],
};

describe('diagnosticHtml', () => {
  it('escapes user text and names the missing evidence (es)', () => {
    const h = diagnosticHtml({ lang: 'es', d, actions: [], generatedAt: new Date('2026-04-01') });
    expect(h).toContain("default-src 'none'");
    expect(h).not.toContain('<script>');
    expect(h).toContain('&lt;script&gt;');
    expect(h).toContain('Sucursal &lt;b&gt;Norte&lt;/b&gt;');
    expect(h).toContain('No hay encuesta de predicciones de directivos');
    expect(h).toContain('No se cumple');
    expect(h).toContain('1 ene 2026');
    // after-sales: each attribute with its evidence across the gaps, missing evidence named
    expect(h).toContain('Posventa');
    expect(h).toContain('PV-02 Avería atendida en 24 h');
    expect(h).toMatch(/60\s%/);
    expect(h).toContain('ítem 7: P − E -1,75');
    expect(h).toContain('Repuestos &lt;disponibles&gt;');
    expect(h).toContain('Sin estándar que lo mida');
    expect(h).toContain('Ninguna encuesta lo mide');
  });
  it('English wording', () => {
    const h = diagnosticHtml({ lang: 'en', d, actions: [], generatedAt: new Date('2026-04-01') });
    expect(h).toContain('Five-gap diagnostic');
    expect(h).toContain('Not kept');
    expect(h).not.toContain('No se cumple');
    expect(h).toContain('After-sales');
    expect(h).toContain('No standard measures it');
  });
});
