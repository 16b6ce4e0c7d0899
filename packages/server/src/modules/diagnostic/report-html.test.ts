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
        },
      ],
    },
  },
  causes: missing('no_causes_survey'),
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
  });
  it('English wording', () => {
    const h = diagnosticHtml({ lang: 'en', d, actions: [], generatedAt: new Date('2026-04-01') });
    expect(h).toContain('Five-gap diagnostic');
    expect(h).toContain('Not kept');
    expect(h).not.toContain('No se cumple');
  });
});
