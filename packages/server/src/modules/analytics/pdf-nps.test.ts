// The printable NPS / CSAT report: figures as the screen shows them, groups in words, the trend
// drawn to scale with its limits and out-of-control points, significance marked.
import type { TCsatReport, TNpsReport, TTrendReport } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { groupName, npsReportHtml, trendSvg } from './pdf-nps';

const nps: TNpsReport = {
  n: 200,
  promoters: 100,
  passives: 60,
  detractors: 40,
  nps: 30,
  ci95: [21.25, 38.75],
  groups: [
    {
      group: 'Oficina <Norte>',
      n: 120,
      promoters: 70,
      passives: 30,
      detractors: 20,
      nps: 41.6667,
      ci95: [30, 53.3],
    },
    { group: '', n: 80, promoters: 30, passives: 30, detractors: 20, nps: 12.5, ci95: null },
  ],
};
const byChannel: TNpsReport = {
  ...nps,
  groups: [
    {
      group: 'in_person',
      n: 200,
      promoters: 100,
      passives: 60,
      detractors: 40,
      nps: 30,
      ci95: null,
    },
  ],
};
const trend: TTrendReport = {
  metric: 'nps',
  period: 'month',
  centre: 0,
  periods: [
    {
      period: '2026-01',
      n: 50,
      value: -50,
      ci95: null,
      lcl: -50,
      ucl: 50,
      outOfControl: false,
      change: null,
    },
    {
      period: '2026-02',
      n: 50,
      value: 50,
      ci95: [30, 70],
      lcl: -50,
      ucl: 50,
      outOfControl: true,
      change: { difference: 100, p: 0.001, significant: true },
    },
  ],
};

const page = (lang: 'es' | 'en') =>
  npsReportHtml({
    lang,
    surveyName: 'Relacional',
    filters: {},
    metric: 'nps',
    head: nps,
    trend,
    breakdowns: [
      { by: 'unit', report: nps },
      { by: 'channel', report: byChannel },
    ],
    generatedAt: new Date(Date.UTC(2026, 11, 2)),
  });

describe('npsReportHtml', () => {
  it('headline, split and groups with the numbers the screen shows', () => {
    const es = page('es');
    const en = page('en');
    expect(es).toContain('Informe de NPS');
    expect(es).toContain('Intervalo del 95 %: 21,3 … 38,8');
    expect(en).toContain('95% interval 21.3 … 38.8');
    expect(es).toContain('Promotores: 100 · Pasivos: 60 · Detractores: 40');
    expect(es).toContain('>41,7<');
    expect(es).toContain('Oficina &lt;Norte&gt;');
    expect(es).toContain('Sin indicar');
    expect(es).toContain('Desglose por canal');
    expect(es).toContain('En persona');
    expect(es).not.toContain('in_person');
  });

  it('the trend table: periods in words, limits, a significant change marked', () => {
    const es = page('es');
    expect(es).toContain('Enero de 2026');
    expect(es).toContain('-50 … 50');
    expect(es).toContain('fuera de control');
    expect(es).toContain('+100');
    expect(es).toContain('▲ significativo');
    expect(page('en')).toContain('▲ significant');
  });

  it('CSAT as a share; no answers said in words', () => {
    const csat: TCsatReport = {
      scale: 5,
      top: 2,
      n: 10,
      satisfied: 8,
      csat: 0.8,
      ci95: [0.49, 0.94],
      mean: 4.2,
      distribution: [0, 0, 2, 4, 4],
    };
    const html = npsReportHtml({
      lang: 'es',
      surveyName: 'S',
      filters: {},
      metric: 'csat',
      head: csat,
      trend: { ...trend, metric: 'csat', periods: [] },
      breakdowns: [],
      generatedAt: new Date(0),
    });
    expect(html).toContain('>80,0\u00a0%<');
    expect(html).toContain('4,20 / 5');
    expect(html).toContain('No hay periodos suficientes');
    const none = npsReportHtml({
      lang: 'en',
      surveyName: 'S',
      filters: {},
      metric: 'nps',
      head: { n: 0, promoters: 0, passives: 0, detractors: 0, nps: null, ci95: null },
      trend: { ...trend, periods: [] },
      breakdowns: [],
      generatedAt: new Date(0),
    });
    expect(none).toContain('No NPS answers with these filters.');
    expect(none).not.toContain('<table');
  });

  it('group names in words', () => {
    expect(groupName('en', 'month', '2026-03')).toBe('March 2026');
    expect(groupName('es', 'segment', 'none')).toBe('Sin clase');
    expect(groupName('en', 'tier', 'gold')).toBe('Gold');
    expect(groupName('es', 'classification', 'end_user')).toBe('Usuario final');
    expect(groupName('es', 'language', 'en')).toBe('Inglés');
  });
});

describe('trendSvg', () => {
  it('draws to scale: limits dashed, the out-of-control point red', () => {
    // values −50..50 padded by 8 % -> −58..58 over 180 px from y = 10: −50 -> 177.6, 50 -> 22.4; 2 periods over 568 px from x = 56
    const svg = trendSvg('es', trend);
    expect(svg).toContain('M56.0 177.6 L624.0 22.4');
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).toContain('<circle cx="624.0" cy="22.4" r="5" fill="#c92a2a"/>');
    expect(svg).toContain('<circle cx="56.0" cy="177.6" r="3.5" fill="#087f5b"/>');
    expect(svg).toContain('>ene 2026<');
  });
});
