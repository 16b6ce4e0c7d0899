// The printable complaints report: tiles, SLA, Pareto and counts from the report as given, codes
// (channels, forms, SLA targets) in words, user text (causes, categories) escaped.
import type { TComplaintsAnalytics } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { complaintsReportHtml, volumeSvg } from './pdf-complaints';

const report: TComplaintsAnalytics = {
  period: { from: '2026-01-01', to: '2026-03-31' },
  total: 40,
  open: 6,
  trend: [
    { period: '2026-01', count: 10 },
    { period: '2026-02', count: 20 },
    { period: '2026-03', count: 10 },
  ],
  byCategory: [
    { key: 'Cobros <indebidos>', count: 30 },
    { key: '—', count: 10 },
  ],
  byUnit: [{ key: 'Oficina Norte', count: 40 }],
  byChannel: [{ key: 'counter', count: 40 }],
  byForm: [{ key: 'unexpressed', count: 40 }],
  pareto: [
    { cause: 'Error de sistema & red', count: 15, share: 0.75, cumulative: 0.75 },
    { cause: 'Formación', count: 5, share: 0.25, cumulative: 1 },
  ],
  sla: [
    {
      target: 'first_response',
      total: 30,
      met: 24,
      metLate: 3,
      breachedOpen: 3,
      pending: 0,
      paused: 0,
      compliance: 0.8,
    },
    {
      target: 'update',
      total: 0,
      met: 0,
      metLate: 0,
      breachedOpen: 0,
      pending: 0,
      paused: 0,
      compliance: null,
    },
  ],
  firstResponseHours: { n: 30, mean: 5, median: 4.25, p90: 9 },
  resolutionHours: { n: 20, mean: 50, median: 48, p90: 90 },
  reopen: { everClosed: 34, reopened: 2, rate: 2 / 34 },
  satisfaction: {
    n: 10,
    mean: 3.9,
    satisfiedShare: 0.7,
    distribution: [
      { rating: 1, count: 1 },
      { rating: 5, count: 9 },
    ],
  },
  defection: { lostWithComplaints: 3, unresolvedOrBadlyHandled: 2, share: 2 / 3 },
};

const page = (lang: 'es' | 'en', r = report) =>
  complaintsReportHtml({
    lang,
    filters: { from: '2026-01-01', to: '2026-03-31' },
    report: r,
    period: 'month',
    generatedAt: new Date(Date.UTC(2026, 11, 2)),
  });

describe('complaintsReportHtml', () => {
  it('tiles and SLA with the report’s numbers in each locale', () => {
    const es = page('es');
    const en = page('en');
    expect(es).toContain('Informe de reclamaciones');
    expect(es).toContain('6 siguen abiertas');
    expect(es).toContain('3,90 / 5');
    expect(en).toContain('3.90 / 5');
    expect(es).toContain('5,9\u00a0%'); // 2/34 reopened
    expect(es).toContain('2 de 34 cerradas alguna vez');
    expect(es).toContain('Primera respuesta');
    expect(es).not.toContain('Seguimiento<'); // a target with nothing decided is left out
    expect(es).toContain('>80\u00a0%<');
    expect(es).toContain('hasta la primera respuesta: 4,3 h');
    expect(en).toContain('to first response: 4.3 h');
  });

  it('codes in words, user text escaped, no channel filter row', () => {
    const es = page('es');
    expect(es).toContain('Mostrador');
    expect(es).toContain('No expresada');
    expect(es).toContain('Sin indicar');
    expect(es).toContain('Cobros &lt;indebidos&gt;');
    expect(es).toContain('Error de sistema &amp; red');
    expect(es).not.toContain('counter');
    expect(es).not.toContain('>Canal<');
    expect(es).toContain('Del 1 de enero de 2026 al 31 de marzo de 2026');
    expect(page('en')).toContain('Counter');
  });

  it('says so when there are no complaints', () => {
    const es = page('es', { ...report, total: 0 });
    expect(es).toContain('No hay reclamaciones en este periodo.');
    expect(es).not.toContain('<svg');
  });
});

describe('volumeSvg', () => {
  it('bars to scale of the largest count', () => {
    // plot height 150 from y = 14; the largest (20) is full height, 10 is half: 75 px
    const svg = volumeSvg(
      'es',
      [
        { label: 'a', count: 10 },
        { label: 'b', count: 20 },
      ],
      'x',
    );
    expect(svg).toContain('height="150.0"');
    expect(svg).toContain('y="89.0"');
    expect(svg).toContain('height="75.0"');
  });
});
