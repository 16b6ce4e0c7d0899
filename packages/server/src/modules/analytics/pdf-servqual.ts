// The printable SERVQUAL gap report (issue 11): tiles, paired bars per dimension (inline SVG),
// the dimension table, the branch league and the items worst first. Pure: the numbers come in
// already computed (servqualReport / leagueReport), so the PDF shows what the API and the screen
// show. Frame and formatting: pdf-layout.ts / pdf-format.ts.
import type { TLeagueReport, TServqualReport, TSurveyDefinition } from '@fidelia/contracts';
import { worstFirst } from '@fidelia/contracts/survey-logic';
import { DASH, esc, fill, formatter, ok, type TReportLang, textIn } from './pdf-format';
import { dimName, filterRows, reportPage, type TReportFilters, table, tile } from './pdf-layout';

export interface TServqualPdfInput {
  lang: TReportLang;
  surveyName: string;
  definition: TSurveyDefinition | undefined;
  filters: TReportFilters;
  report: TServqualReport;
  league: TLeagueReport;
  generatedAt: Date;
}

const T = {
  es: {
    title: 'Informe de brechas SERVQUAL',
    respondents: 'Encuestados',
    overallGap: 'Brecha global',
    overallGapHelp: 'Media de las brechas de las cinco dimensiones (P − E, escala de 1 a 7).',
    weightedGap: 'Brecha ponderada',
    weightedGapHelp: 'Brechas ponderadas por los 100 puntos que reparten los clientes.',
    noWeights: 'La encuesta no pide el reparto de 100 puntos.',
    byDimension: 'Por dimensión',
    byItem: 'Por ítem, de la peor brecha a la mejor',
    league: 'Clasificación de oficinas',
    dimension: 'Dimensión',
    expectation: 'Expectativa',
    perception: 'Percepción',
    gap: 'Brecha (P − E)',
    weight: 'Peso',
    alpha: 'Alfa',
    item: 'Ítem',
    itemN: 'Ítem {n}',
    n: 'respuestas',
    ci: 'Intervalo del 95 %',
    rank: 'Puesto',
    unit: 'Oficina o unidad',
    alphaHelp:
      'Alfa: alfa de Cronbach de los ítems de percepción de la dimensión (0,7 o más: los ítems miden una misma cosa).',
    itemsHelp: 'Se marcan con ▼ los ítems cuyo intervalo del 95 % queda entero por debajo de cero.',
    noAnswers: 'No hay respuestas SERVQUAL con estos filtros.',
  },
  en: {
    title: 'SERVQUAL gap report',
    respondents: 'Respondents',
    overallGap: 'Overall gap',
    overallGapHelp: 'Mean of the five dimension gaps (P − E, 1 to 7 scale).',
    weightedGap: 'Weighted gap',
    weightedGapHelp: 'Dimension gaps weighted by the 100 points customers share out.',
    noWeights: 'The survey does not ask for the 100-point split.',
    byDimension: 'By dimension',
    byItem: 'By item, worst gap first',
    league: 'Branch league table',
    dimension: 'Dimension',
    expectation: 'Expectation',
    perception: 'Perception',
    gap: 'Gap (P − E)',
    weight: 'Weight',
    alpha: 'Alpha',
    item: 'Item',
    itemN: 'Item {n}',
    n: 'answers',
    ci: '95% interval',
    rank: 'Rank',
    unit: 'Branch or unit',
    alphaHelp:
      "Alpha: Cronbach's alpha of the dimension's perception items (0.7 or more: the items measure one thing).",
    itemsHelp: 'Items marked ▼ have a 95% interval entirely below zero.',
    noAnswers: 'No SERVQUAL answers with these filters.',
  },
} as const;

/** Item number -> wording in `lang`: the perception item's (it names the company), else the
 *  expectation item's, as the screen does. */
export function itemWordings(
  def: TSurveyDefinition | undefined,
  lang: TReportLang,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const page of def?.pages ?? [])
    for (const q of page.questions) {
      const items = 'items' in q && Array.isArray(q.items) ? q.items : [];
      for (const it of items as Array<{ tag?: string; text: { es?: string; en?: string } }>) {
        const m = it.tag ? /^servqual:([EP]):(\d+)$/.exec(it.tag) : null;
        if (m && (m[1] === 'P' || !out.has(m[2] as string)))
          out.set(m[2] as string, textIn(it.text, lang));
      }
    }
  return out;
}

/** Paired horizontal bars (expectation grey, perception teal) per dimension on the 1–7 scale. */
export function pairedBarsSvg(lang: TReportLang, dims: TServqualReport['dimensions']): string {
  const t = T[lang];
  const f = formatter(lang);
  const labelW = 190;
  const plotW = 420;
  const valueW = 50;
  const rowH = 44;
  const top = 28;
  const width = labelW + plotW + valueW;
  const height = top + dims.length * rowH + 30;
  const x = (v: number) => labelW + ((Math.min(7, Math.max(1, v)) - 1) / 6) * plotW;
  const parts: string[] = [];
  parts.push(
    `<rect x="${labelW}" y="4" width="12" height="12" fill="#adb5bd"/>`,
    `<text x="${labelW + 18}" y="14" class="lg">${esc(t.expectation)}</text>`,
    `<rect x="${labelW + 150}" y="4" width="12" height="12" fill="#087f5b"/>`,
    `<text x="${labelW + 168}" y="14" class="lg">${esc(t.perception)}</text>`,
  );
  for (let v = 1; v <= 7; v++) {
    const gx = x(v).toFixed(1);
    parts.push(
      `<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + dims.length * rowH}" stroke="#dee2e6"/>`,
      `<text x="${gx}" y="${top + dims.length * rowH + 16}" text-anchor="middle" class="ax">${esc(f.int(v))}</text>`,
    );
  }
  dims.forEach((d, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 24}" text-anchor="end" class="lb">${esc(dimName(lang, d.dimension))}</text>`,
    );
    const bar = (v: number | null, dy: number, color: string) => {
      if (!ok(v)) return;
      const w = Math.max(0, x(v) - labelW);
      parts.push(
        `<rect x="${labelW}" y="${y + dy}" width="${w.toFixed(1)}" height="15" fill="${color}"/>`,
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + dy + 12}" class="vl">${esc(f.g(v))}</text>`,
      );
    };
    bar(d.expectation, 5, '#adb5bd');
    bar(d.perception, 22, '#087f5b');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(t.byDimension)}">${parts.join('')}</svg>`;
}

/** The whole report page. */
export function servqualReportHtml(input: TServqualPdfInput): string {
  const { lang, report, league } = input;
  const t = T[lang];
  const f = formatter(lang);
  const words = itemWordings(input.definition, lang);
  const ci = (c: [number, number] | null) => (c ? `${f.g(c[0])} … ${f.g(c[1])}` : DASH);

  let body: string;
  if (report.n === 0) {
    body = `<p>${esc(t.noAnswers)}</p>`;
  } else {
    const tiles = `<div class="tiles">
${tile(t.respondents, f.int(report.n))}
${tile(t.overallGap, f.g(report.overall.gap), [t.overallGapHelp])}
${tile(t.weightedGap, f.g(report.overall.weightedGap), [report.overall.weightedGap === null ? t.noWeights : t.weightedGapHelp])}
</div>`;
    const dims = `<h2>${esc(t.byDimension)}</h2>
${pairedBarsSvg(lang, report.dimensions)}
${table(
  [
    { label: t.dimension },
    { label: t.gap, num: true },
    { label: t.expectation, num: true },
    { label: t.perception, num: true },
    { label: t.weight, num: true },
    { label: t.alpha, num: true },
  ],
  report.dimensions.map((d) => [
    dimName(lang, d.dimension),
    { html: esc(f.g(d.gap)), cls: ok(d.gap) && d.gap < 0 ? 'neg' : '' },
    f.g(d.expectation),
    f.g(d.perception),
    f.pct(d.weight),
    f.g(d.alphaPerception),
  ]),
)}
<p class="muted">${esc(t.alphaHelp)}</p>`;
    const items = `<h2>${esc(t.byItem)}</h2>
<p class="muted">${esc(t.itemsHelp)}</p>
${table(
  [
    { label: t.item },
    { label: t.expectation, num: true },
    { label: t.perception, num: true },
    { label: t.gap, num: true },
    { label: t.ci, num: true },
  ],
  worstFirst(report.items).map((it) => {
    const shortfall = it.ci95 !== null && it.ci95[1] < 0;
    const wording = words.get(it.item) || fill(t.itemN, { n: it.item });
    return [
      {
        html: `${esc(wording)}<div class="muted">${esc(dimName(lang, it.dimension))} · ${esc(f.int(it.n))} ${esc(t.n)}</div>`,
      },
      f.g(it.expectation),
      f.g(it.perception),
      { html: `${shortfall ? '▼ ' : ''}${esc(f.g(it.gap))}`, cls: shortfall ? 'neg' : '' },
      ci(it.ci95),
    ];
  }),
)}`;
    // One unit is no league: the table appears from two units, as on the screen.
    const leagueHtml =
      league.units.length < 2
        ? ''
        : `<h2>${esc(t.league)}</h2>
${table(
  [
    { label: t.rank, num: true },
    { label: t.unit },
    { label: t.respondents, num: true },
    { label: t.overallGap, num: true },
    { label: t.weightedGap, num: true },
    { label: t.ci, num: true },
  ],
  league.units.map((u) => [
    f.int(u.rank),
    { html: esc(u.unitName), cls: 'unit' },
    f.int(u.n),
    f.g(u.gap),
    f.g(u.weightedGap),
    ci(u.ci95),
  ]),
  'league',
)}`;
    body = tiles + dims + leagueHtml + items;
  }

  return reportPage({
    lang,
    title: t.title,
    subject: input.surveyName,
    meta: filterRows(lang, input.filters, { survey: input.surveyName }),
    generatedAt: input.generatedAt,
    body,
  });
}
