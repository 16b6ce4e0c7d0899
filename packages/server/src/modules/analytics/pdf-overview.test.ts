// The printable overview: headline figures as the screen shows them, a change flagged only when
// significant, channels in words, alert lists escaped, no internal ids.
import type { TOverviewReport } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { overviewReportHtml } from './pdf-overview';

const report: TOverviewReport = {
  period: { from: '2026-11-03', to: '2026-12-02' },
  previousPeriod: { from: '2026-10-04', to: '2026-11-02' },
  responses: 1500,
  nps: {
    n: 1200,
    value: 42.25,
    ci95: [38.5, 46],
    previous: { n: 900, value: 30 },
    change: { difference: 12.25, p: 0.001, significant: true },
  },
  csat: {
    n: 800,
    value: 0.8125,
    ci95: [0.78, 0.84],
    previous: { n: 700, value: 0.8 },
    change: { difference: 0.0125, p: 0.4, significant: false },
  },
  servqualGap: {
    n: 0,
    value: null,
    ci95: null,
    previous: { n: 0, value: null },
    change: null,
  },
  responsesByChannel: [
    { channel: 'email', n: 300 },
    { channel: 'in_person', n: 1200 },
  ],
  complaintsPastDue: 3,
  atRiskBestCustomers: {
    count: 1,
    top: [{ customerId: '7d6a1f0e-0000-4000-8000-000000000001', name: 'Ana <b>López</b>' }],
  },
  overdueCorrectiveActions: {
    count: 1,
    top: [
      {
        id: '7d6a1f0e-0000-4000-8000-000000000002',
        visitId: '7d6a1f0e-0000-4000-8000-000000000003',
        title: 'Reparar la puerta',
        unit: 'Oficina Norte',
        dueDate: '2026-11-20',
      },
    ],
  },
};

const page = (lang: 'es' | 'en') =>
  overviewReportHtml({
    lang,
    surveyName: null,
    filters: { unitName: 'Norte & Sur' },
    report,
    generatedAt: new Date(Date.UTC(2026, 11, 2)),
  });

describe('overviewReportHtml', () => {
  it('shows NPS in points, CSAT as a share, with intervals, in each locale', () => {
    const es = page('es');
    const en = page('en');
    expect(es).toContain('>42,3<');
    expect(en).toContain('>42.3<');
    expect(es).toContain('Intervalo del 95 %: 38,5 … 46');
    expect(es).toContain('>81,3\u00a0%<');
    expect(en).toContain('>81.3%<');
    expect(es).toContain('1200 respuestas');
    expect(en).toContain('1,200 answers');
  });

  it('flags only the significant change; CSAT change in points; none without data', () => {
    const es = page('es');
    expect(es).toContain('▲ +12,3 frente al periodo anterior, significativo');
    expect(es).toContain('+1,3 frente al periodo anterior, no significativo');
    expect(es.match(/▲|▼/g)?.length).toBe(1);
    expect(es).toContain('Sin respuestas en este periodo');
    expect(es).toContain('Sin datos del periodo anterior para comparar');
  });

  it('states the period, the comparison and the filters in words', () => {
    const es = page('es');
    const en = page('en');
    expect(es).toContain('Del 3 de noviembre de 2026 al 2 de diciembre de 2026');
    expect(es).toContain('Del 4 de octubre de 2026 al 2 de noviembre de 2026');
    expect(en).toContain('November 3, 2026 to December 2, 2026');
    expect(es).toContain('Todas las encuestas');
    expect(es).toContain('Norte &amp; Sur');
    expect(es).toContain('Respuestas por canal (1500)');
    expect(es).toContain('En persona');
    expect(en).toContain('E-mail');
  });

  it('lists the alerts with names escaped and never an internal id', () => {
    const es = page('es');
    expect(es).toContain('Ana &lt;b&gt;López&lt;/b&gt;');
    expect(es).toContain('Reparar la puerta · Oficina Norte · vence el 20 de noviembre de 2026');
    expect(es).not.toContain('7d6a1f0e');
    expect(es).not.toContain('in_person');
  });
});
