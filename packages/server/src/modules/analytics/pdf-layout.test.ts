// The shared report frame: filters in words, a self-contained page (no script, no external
// load, a CSP), tables that escape their cells, bars to scale.
import { describe, expect, it } from 'vitest';
import { filterRows, hbarsSvg, periodText, reportPage, table } from './pdf-layout';

describe('filterRows / periodText', () => {
  it('states every filter in words, codes translated, respondent filters only when set', () => {
    expect(periodText('es', '2026-01-01', '2026-03-31')).toBe(
      'Del 1 de enero de 2026 al 31 de marzo de 2026',
    );
    expect(periodText('en', undefined, '2026-03-31')).toBe('Until March 31, 2026');
    expect(periodText('en')).toBe('All responses');
    const es = filterRows(
      'es',
      { channel: 'in_person', segment: 'A', language: 'en' },
      {
        survey: null,
      },
    );
    expect(es).toEqual([
      ['Encuesta', 'Todas las encuestas'],
      ['Periodo', 'Todas las respuestas'],
      ['Oficina o unidad', 'Todas las unidades a su alcance'],
      ['Canal', 'En persona'],
      ['Segmento', 'Clase A'],
      ['Idioma de la respuesta', 'Inglés'],
    ]);
    const en = filterRows('en', { unitName: 'North' }, { withChannel: false });
    expect(en).toEqual([
      ['Period', 'All responses'],
      ['Branch or unit', 'North'],
    ]);
  });
});

describe('reportPage / table', () => {
  it('is one self-contained page with user text escaped', () => {
    const html = reportPage({
      lang: 'en',
      title: 'T <b>',
      subject: 'S "x"',
      meta: [['Unit', '<script>alert(1)</script>']],
      generatedAt: new Date(Date.UTC(2026, 11, 2)),
      body: table(
        [{ label: 'Name' }, { label: 'N', num: true }],
        [
          ['A & B', '1,234'],
          [{ html: '<i>ok</i>', cls: 'neg' }, '2'],
        ],
      ),
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>T &lt;b&gt; · S &quot;x&quot;</title>');
    expect(html).toContain('<td>A &amp; B</td><td class="n">1,234</td>');
    expect(html).toContain('<td class="neg"><i>ok</i></td>');
    expect(html).toContain('Generated on December 2, 2026');
    expect(html).not.toMatch(/<script|src=|href=|url\(/i);
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain('size: A4');
  });
});

describe('hbarsSvg', () => {
  it('draws bars to scale from zero, negative ones red and to the left', () => {
    // range −50..100 over 400 px from x = 190: zero at 190 + 50/150 × 400 = 323.3
    const svg = hbarsSvg(
      [
        { label: 'Up', value: 100, text: '100' },
        { label: 'Down', value: -50, text: '-50' },
        { label: 'None', value: null, text: '' },
      ],
      { aria: 'x' },
    );
    expect(svg).toContain('x1="323.3"');
    expect(svg).toContain('x="323.3" y="6" width="266.7"');
    expect(svg).toContain('x="190.0" y="30" width="133.3" height="16" fill="#c92a2a"');
    expect(svg).toContain('>—<');
  });
});
