// The printable SERVQUAL page (pure): user text escaped, numbers in the chosen locale (values
// worked out by hand below), items worst first, bars to scale.
import type { TLeagueReport, TServqualReport, TSurveyDefinition } from '@fidelia/contracts';
import { worstFirst } from '@fidelia/contracts/survey-logic';
import { describe, expect, it } from 'vitest';
import { esc, formatter } from './pdf-format';
import { itemWordings, pairedBarsSvg, servqualReportHtml } from './pdf-servqual';

const report: TServqualReport = {
  n: 1234,
  items: [
    {
      item: '1',
      dimension: 'tangibles',
      n: 1234,
      expectation: 6,
      perception: 5.5,
      gap: -0.5,
      ci95: [-0.7, -0.3],
    },
    {
      item: '2',
      dimension: 'tangibles',
      n: 1200,
      expectation: 6,
      perception: 4.75,
      gap: -1.25,
      ci95: [-1.5, -1],
    },
    {
      item: '5',
      dimension: 'reliability',
      n: 1234,
      expectation: 5,
      perception: 5.25,
      gap: 0.25,
      ci95: [-0.1, 0.6],
    },
    {
      item: '6',
      dimension: 'reliability',
      n: 0,
      expectation: null,
      perception: null,
      gap: null,
      ci95: null,
    },
  ],
  dimensions: [
    {
      dimension: 'tangibles',
      expectation: 7,
      perception: 4,
      gap: -0.8765,
      weight: 0.305,
      alphaPerception: 0.81,
    },
    {
      dimension: 'reliability',
      expectation: 5,
      perception: 5.25,
      gap: 0.25,
      weight: 0.695,
      alphaPerception: null,
    },
  ],
  overall: { gap: -0.31325, weightedGap: -0.0936 },
};
const league: TLeagueReport = {
  units: [
    {
      unitId: 'u1',
      unitName: 'Norte & <b>Sur</b>',
      n: 600,
      gap: 0.1,
      weightedGap: null,
      ci95: [0, 0.2],
      rank: 1,
    },
    { unitId: 'u2', unitName: 'Centro', n: 634, gap: -0.7, weightedGap: -0.5, ci95: null, rank: 2 },
  ],
};
const definition = {
  pages: [
    {
      questions: [
        {
          type: 'matrix',
          key: 'sq_e',
          items: [
            {
              key: 'e1',
              tag: 'servqual:E:1',
              text: { es: 'Equipos modernos (E)', en: 'Modern equipment (E)' },
            },
            { key: 'e2', tag: 'servqual:E:2', text: { es: 'Instalaciones (E)', en: '' } },
          ],
        },
        {
          type: 'matrix',
          key: 'sq_p',
          items: [
            {
              key: 'p1',
              tag: 'servqual:P:1',
              text: {
                es: 'La empresa tiene equipos modernos',
                en: 'The company has modern equipment',
              },
            },
          ],
        },
      ],
    },
  ],
} as unknown as TSurveyDefinition;

const page = (lang: 'es' | 'en', surveyName = 'Encuesta <script>alert(1)</script> "A&B"') =>
  servqualReportHtml({
    lang,
    surveyName,
    definition,
    filters: { from: '2026-01-01', to: '2026-03-31', channel: 'in_person' },
    report,
    league,
    generatedAt: new Date(Date.UTC(2026, 11, 2, 9)),
  });

describe('servqualReportHtml', () => {
  it('escapes user text: a survey named <script> never becomes markup', () => {
    const html = page('es');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Encuesta &lt;script&gt;alert(1)&lt;/script&gt; &quot;A&amp;B&quot;');
    expect(html).toContain('Norte &amp; &lt;b&gt;Sur&lt;/b&gt;');
    expect(esc(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
    // no script, no external resource, and a CSP that forbids loading any
    expect(html).not.toMatch(/<script|src=|href=|url\(/i);
    expect(html).toContain(`default-src 'none'`);
  });

  it('formats numbers the Spanish way (decimal comma, grouping, "30,5 %") and the English way', () => {
    const es = page('es');
    const en = page('en');
    // -0.8765 to 2 decimals is -0.88; 1234 groups as 1.234 in es (1,234 in en)
    expect(es).toContain('>-0,88<');
    expect(en).toContain('>-0.88<');
    expect(es).toContain(`>${formatter('es').int(1234)}<`);
    // Spanish groups from five digits (RAE: 1234, 12 345 / 12.345)
    expect(formatter('es').int(1234)).toBe('1234');
    expect(formatter('es').int(12345)).toBe('12.345');
    expect(formatter('en').int(1234)).toBe('1,234');
    expect(es).toContain('30,5\u00a0%');
    expect(en).toContain('30.5%');
    // overall gap -0.31325 -> -0,31 ; interval [-1.5, -1] -> "-1,50 … -1,00"
    expect(es).toContain('>-0,31<');
    expect(es).toContain('-1,50 … -1,00');
    expect(en).toContain('-1.50 … -1.00');
  });

  it('states the filters in words in the chosen language', () => {
    const es = page('es');
    const en = page('en');
    expect(es).toContain('Del 1 de enero de 2026 al 31 de marzo de 2026');
    expect(en).toContain('January 1, 2026 to March 31, 2026');
    expect(es).toContain('En persona');
    expect(en).toContain('In person');
    expect(es).toContain('Todas las unidades a su alcance');
    expect(es).toContain('Informe de brechas SERVQUAL');
    expect(en).toContain('SERVQUAL gap report');
    expect(es).toContain('Elementos tangibles');
  });

  it('lists items worst first with their wording (perception, else expectation, else the other language)', () => {
    expect(worstFirst(report.items).map((i) => i.item)).toEqual(['2', '1', '5', '6']);
    const w = itemWordings(definition, 'en');
    expect(w.get('1')).toBe('The company has modern equipment');
    expect(w.get('2')).toBe('Instalaciones (E)');
    const es = page('es');
    const at = (s: string) => es.indexOf(s);
    expect(at('Instalaciones (E)')).toBeGreaterThan(0);
    expect(at('Instalaciones (E)')).toBeLessThan(at('La empresa tiene equipos modernos'));
    expect(at('La empresa tiene equipos modernos')).toBeLessThan(at('Ítem 5'));
    expect(at('Ítem 5')).toBeLessThan(at('Ítem 6'));
    // the shortfall mark: item 2's and item 1's intervals lie below zero, item 5's does not
    expect(es.match(/▼ -/g)?.length).toBe(2);
  });

  it('draws paired bars to scale on 1–7 (plot 420 px wide from x = 190)', () => {
    const svg = pairedBarsSvg('es', report.dimensions);
    // expectation 7 -> full width 420; perception 4 -> (4 − 1) / 6 × 420 = 210; 5.25 -> 297.5
    expect(svg).toContain('width="420.0"');
    expect(svg).toContain('width="210.0"');
    expect(svg).toContain('width="297.5"');
    expect(svg).toContain('>5,25<');
  });

  it('says so when there are no answers, without tables', () => {
    const html = servqualReportHtml({
      lang: 'en',
      surveyName: 'S',
      definition: undefined,
      filters: {},
      report: { n: 0, items: [], dimensions: [], overall: { gap: null, weightedGap: null } },
      league: { units: [] },
      generatedAt: new Date(0),
    });
    expect(html).toContain('No SERVQUAL answers with these filters.');
    expect(html).toContain('All responses');
    expect(html).not.toContain('<table');
  });
});
