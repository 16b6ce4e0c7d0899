// The printable priorities report: IPA points numbered as the table rows and placed to scale,
// quadrants and Kano categories in words (the seed's names next to the letters), drivers,
// and only the sections the survey has.
import type { TDriversReport, TIpaReport, TKanoReport } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { prioritiesReportHtml, scatterSvg } from './pdf-priorities';

const ipa: TIpaReport = {
  n: 40,
  importance: 'stated',
  sample: null,
  importanceCut: 20,
  performanceCut: 5,
  attributes: [
    { attribute: 'reliability', importance: 30, performance: 4.5, quadrant: 'concentrate here' },
    { attribute: 'tangibles', importance: 10, performance: 5.5, quadrant: 'possible overkill' },
  ],
};
const drivers: TDriversReport = {
  outcome: 'nps',
  n: 40,
  sample: null,
  rSquared: 0.456,
  drivers: [
    {
      attribute: 'reliability',
      correlation: 0.61,
      beta: 0.5,
      relativeWeight: 0.3,
      share: 0.658,
      ci95: null,
    },
  ],
};
const noKano: TKanoReport = { attributes: [] };
const kano: TKanoReport = {
  attributes: [
    {
      attribute: 'wifi',
      n: 20,
      counts: { A: 10, O: 4, M: 2, I: 4, R: 0, Q: 0 },
      category: 'A',
      better: 0.7,
      worse: -0.3,
    },
  ],
};
const empty: TIpaReport = {
  n: 0,
  importance: null,
  sample: null,
  importanceCut: null,
  performanceCut: null,
  attributes: [],
};
const none: TDriversReport = { outcome: null, n: 0, sample: null, rSquared: null, drivers: [] };

const page = (lang: 'es' | 'en', i = ipa, k = noKano) =>
  prioritiesReportHtml({
    lang,
    surveyName: 'SERVQUAL 2026',
    filters: {},
    ipa: i,
    drivers: i === ipa ? drivers : none,
    kano: k,
    kanoNames: new Map([['wifi', 'Wi-Fi <gratis>']]),
    generatedAt: new Date(Date.UTC(2026, 11, 2)),
  });

describe('prioritiesReportHtml', () => {
  it('IPA table and drivers in words and locale', () => {
    const es = page('es');
    const en = page('en');
    expect(es).toContain('Matriz importancia–desempeño');
    expect(es).toContain('Fiabilidad');
    expect(es).toContain('Concentrarse aquí');
    expect(en).toContain('Possible overkill');
    expect(es).toContain('>30,0<');
    expect(es).toContain('>4,50<');
    expect(es).toContain('juntas explican el 46\u00a0%, con 40 respuestas');
    expect(es).toContain('>0,61<');
    expect(es).toContain('>66\u00a0%<');
    expect(es).not.toContain('concentrate here');
    expect(es).not.toContain('Kano');
  });

  it('Kano only: the attribute by its question, the category by its seed name, escaped', () => {
    const es = page('es', empty, kano);
    expect(es).not.toContain('Matriz importancia');
    expect(es).toContain('Wi-Fi &lt;gratis&gt;');
    expect(es).toContain('Inesperado (A)');
    expect(es).toContain('>0,70<');
    expect(es).toContain('>-0,30<');
    expect(page('en', empty, kano)).toContain('Unexpected (A)');
  });

  it('says so when there is nothing to show', () => {
    const en = page('en', empty, noKano);
    expect(en).toContain('No SERVQUAL or Kano answers with these filters.');
    expect(en).not.toContain('<table');
  });
});

describe('scatterSvg', () => {
  it('places points to scale and draws the cut lines', () => {
    // plot 488 × 284 from (56, 12): x 0..1, y 0..1 -> (0.25, 0.75) at (178.0, 83.0)
    const svg = scatterSvg({
      points: [{ x: 0.25, y: 0.75, label: '1', color: '#000' }],
      x: [0, 1],
      y: [0, 1],
      cutX: 0.5,
      cutY: 0.5,
      xTitle: 'X',
      yTitle: 'Y',
      tick: (v) => String(v),
      aria: 'a',
    });
    expect(svg).toContain('<circle cx="178.0" cy="83.0" r="9" fill="#000"/>');
    expect(svg).toContain('x1="300.0" y1="12" x2="300.0" y2="296"');
    expect(svg).toContain('y1="154.0"');
  });
});
