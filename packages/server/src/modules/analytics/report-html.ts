// The printable SERVQUAL gap report (issue 11) as one self-contained HTML page: no scripts, no
// external resources (a CSP forbids any load), the chart an inline SVG drawn here. Pure: the
// numbers come in already computed (servqualReport / leagueReport), so the PDF shows exactly what
// the API and the screen show. Every piece of user text goes through esc().
import type { TLeagueReport, TServqualReport, TSurveyDefinition } from '@fidelia/contracts';

export type TReportLang = 'es' | 'en';

export interface TReportInput {
  lang: TReportLang;
  surveyName: string;
  definition: TSurveyDefinition | undefined;
  /** the filters as asked (dates as given, the unit's name, the channel code) */
  filters: { from?: string; to?: string; unitName?: string; channel?: string };
  report: TServqualReport;
  league: TLeagueReport;
  generatedAt: Date;
}

const T = {
  es: {
    title: 'Informe de brechas SERVQUAL',
    survey: 'Encuesta',
    period: 'Periodo',
    allPeriod: 'Todas las respuestas',
    since: 'Desde el {d}',
    until: 'Hasta el {d}',
    between: 'Del {a} al {b}',
    unit: 'Oficina o unidad',
    allUnits: 'Todas las unidades a su alcance',
    channel: 'Canal',
    allChannels: 'Todos los canales',
    generated: 'Generado el {d}',
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
    n: 'Respuestas',
    ci: 'Intervalo del 95 %',
    rank: 'Puesto',
    alphaHelp:
      'Alfa: alfa de Cronbach de los ítems de percepción de la dimensión (0,7 o más: los ítems miden una misma cosa).',
    itemsHelp: 'Se marcan con ▼ los ítems cuyo intervalo del 95 % queda entero por debajo de cero.',
    noAnswers: 'No hay respuestas SERVQUAL con estos filtros.',
    dims: {
      tangibles: 'Elementos tangibles',
      reliability: 'Fiabilidad',
      responsiveness: 'Capacidad de respuesta',
      assurance: 'Seguridad',
      empathy: 'Empatía',
    },
    channels: {
      web: 'Web',
      link: 'Enlace',
      email: 'Correo electrónico',
      qr: 'QR',
      kiosk: 'Quiosco',
      phone: 'Teléfono',
      postal: 'Correo postal',
      in_person: 'En persona',
      embed: 'Insertada',
    },
  },
  en: {
    title: 'SERVQUAL gap report',
    survey: 'Survey',
    period: 'Period',
    allPeriod: 'All responses',
    since: 'From {d}',
    until: 'Until {d}',
    between: '{a} to {b}',
    unit: 'Branch or unit',
    allUnits: 'All units within your scope',
    channel: 'Channel',
    allChannels: 'All channels',
    generated: 'Generated on {d}',
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
    n: 'Answers',
    ci: '95% interval',
    rank: 'Rank',
    alphaHelp:
      "Alpha: Cronbach's alpha of the dimension's perception items (0.7 or more: the items measure one thing).",
    itemsHelp: 'Items marked ▼ have a 95% interval entirely below zero.',
    noAnswers: 'No SERVQUAL answers with these filters.',
    dims: {
      tangibles: 'Tangibles',
      reliability: 'Reliability',
      responsiveness: 'Responsiveness',
      assurance: 'Assurance',
      empathy: 'Empathy',
    },
    channels: {
      web: 'Web',
      link: 'Link',
      email: 'E-mail',
      qr: 'QR',
      kiosk: 'Kiosk',
      phone: 'Phone',
      postal: 'Post',
      in_person: 'In person',
      embed: 'Embedded',
    },
  },
} as const;

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const DASH = '—';
const ok = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

/** Number formatting in the report's locale (decimal comma in Spanish), like the web app. */
export function formatter(lang: TReportLang) {
  const fixed2 = new Intl.NumberFormat(lang, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const int = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const pct1 = new Intl.NumberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  // Dates of the filter are calendar days (UTC), so they are shown in UTC.
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    g: (v: number | null | undefined) => (ok(v) ? fixed2.format(v) : DASH),
    int: (v: number | null | undefined) => (ok(v) ? int.format(v) : DASH),
    pct: (v: number | null | undefined) => (ok(v) ? pct1.format(v) : DASH),
    date: (v: string | Date) => {
      const t = v instanceof Date ? v.getTime() : Date.parse(v);
      return Number.isFinite(t) ? date.format(t) : String(v);
    },
  };
}

const fill = (s: string, vars: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

type TText = { es?: string; en?: string } | undefined;
const textIn = (t: TText, lang: TReportLang): string =>
  (t?.[lang] ?? '').trim() || (t?.[lang === 'es' ? 'en' : 'es'] ?? '').trim();

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
      for (const it of items as Array<{ tag?: string; text: TText }>) {
        const m = it.tag ? /^servqual:([EP]):(\d+)$/.exec(it.tag) : null;
        if (m && (m[1] === 'P' || !out.has(m[2] as string)))
          out.set(m[2] as string, textIn(it.text, lang));
      }
    }
  return out;
}

type TItem = TServqualReport['items'][number];

/** Items with a gap, worst (most negative) first; ties keep item order; no data last. */
export function worstFirst(items: readonly TItem[]): TItem[] {
  return items
    .map((it, i) => ({ it, i }))
    .sort((a, b) => {
      const ga = a.it.gap;
      const gb = b.it.gap;
      if (ga === null && gb === null) return a.i - b.i;
      if (ga === null) return 1;
      if (gb === null) return -1;
      return ga - gb || a.i - b.i;
    })
    .map((x) => x.it);
}

/** The period in words. */
function periodText(lang: TReportLang, from?: string, to?: string): string {
  const t = T[lang];
  const f = formatter(lang);
  // A date-time filter keeps its day for the wording; the numbers honour the exact bound.
  const d = (v: string) => f.date(v.length === 10 ? `${v}T00:00:00Z` : v);
  if (from && to) return fill(t.between, { a: d(from), b: d(to) });
  if (from) return fill(t.since, { d: d(from) });
  if (to) return fill(t.until, { d: d(to) });
  return t.allPeriod;
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
  // legend
  parts.push(
    `<rect x="${labelW}" y="4" width="12" height="12" fill="#adb5bd"/>`,
    `<text x="${labelW + 18}" y="14" class="lg">${esc(t.expectation)}</text>`,
    `<rect x="${labelW + 150}" y="4" width="12" height="12" fill="#087f5b"/>`,
    `<text x="${labelW + 168}" y="14" class="lg">${esc(t.perception)}</text>`,
  );
  // grid and axis ticks 1..7
  for (let v = 1; v <= 7; v++) {
    const gx = x(v).toFixed(1);
    parts.push(
      `<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + dims.length * rowH}" stroke="#dee2e6"/>`,
      `<text x="${gx}" y="${top + dims.length * rowH + 16}" text-anchor="middle" class="ax">${esc(f.int(v))}</text>`,
    );
  }
  dims.forEach((d, i) => {
    const y = top + i * rowH;
    const name = t.dims[d.dimension as keyof typeof t.dims] ?? d.dimension;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 24}" text-anchor="end" class="lb">${esc(name)}</text>`,
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

const STYLE = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #212529;
  font-size: 10pt; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #ced4da; padding-bottom: 1mm;
  break-after: avoid; }
thead { display: table-header-group; }
td.unit { width: 42%; }
table.league th, table.league td { font-size: 9pt; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 3mm 0; }
.meta dt { color: #495057; font-weight: bold; }
.meta dd { margin: 0; }
.muted { color: #6c757d; font-size: 8.5pt; }
.tiles { display: flex; gap: 4mm; margin: 4mm 0; }
.tile { flex: 1; border: 1px solid #ced4da; border-radius: 2mm; padding: 3mm; }
.tile .v { font-size: 18pt; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 1.2mm 1.5mm; border-bottom: 1px solid #e9ecef; vertical-align: top; }
th { text-align: left; background: #f1f3f5; font-size: 9pt; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
tr { break-inside: avoid; }
.neg { color: #c92a2a; font-weight: bold; }
svg text.lb { font-size: 12px; fill: #212529; }
svg text.vl, svg text.ax, svg text.lg { font-size: 11px; fill: #495057; }
`;

/** The whole report page. */
export function servqualReportHtml(input: TReportInput): string {
  const { lang, report, league } = input;
  const t = T[lang];
  const f = formatter(lang);
  const words = itemWordings(input.definition, lang);
  const dim = (d: string) => t.dims[d as keyof typeof t.dims] ?? d;
  const channel = input.filters.channel
    ? (t.channels[input.filters.channel as keyof typeof t.channels] ?? input.filters.channel)
    : t.allChannels;
  const ci = (c: [number, number] | null) => (c ? `${f.g(c[0])} … ${f.g(c[1])}` : DASH);

  const head = `<h1>${esc(t.title)}</h1>
<dl class="meta">
<dt>${esc(t.survey)}</dt><dd data-k="survey">${esc(input.surveyName)}</dd>
<dt>${esc(t.period)}</dt><dd>${esc(periodText(lang, input.filters.from, input.filters.to))}</dd>
<dt>${esc(t.unit)}</dt><dd>${esc(input.filters.unitName ?? t.allUnits)}</dd>
<dt>${esc(t.channel)}</dt><dd>${esc(channel)}</dd>
</dl>
<p class="muted">${esc(fill(t.generated, { d: f.date(input.generatedAt) }))}</p>`;

  let body: string;
  if (report.n === 0) {
    body = `<p>${esc(t.noAnswers)}</p>`;
  } else {
    const tiles = `<div class="tiles">
<div class="tile"><div class="muted">${esc(t.respondents)}</div><div class="v">${esc(f.int(report.n))}</div></div>
<div class="tile"><div class="muted">${esc(t.overallGap)}</div><div class="v">${esc(f.g(report.overall.gap))}</div><div class="muted">${esc(t.overallGapHelp)}</div></div>
<div class="tile"><div class="muted">${esc(t.weightedGap)}</div><div class="v">${esc(f.g(report.overall.weightedGap))}</div><div class="muted">${esc(report.overall.weightedGap === null ? t.noWeights : t.weightedGapHelp)}</div></div>
</div>`;
    const dimRows = report.dimensions
      .map(
        (d) =>
          `<tr><td>${esc(dim(d.dimension))}</td><td class="n${ok(d.gap) && d.gap < 0 ? ' neg' : ''}">${esc(f.g(d.gap))}</td><td class="n">${esc(f.g(d.expectation))}</td><td class="n">${esc(f.g(d.perception))}</td><td class="n">${esc(f.pct(d.weight))}</td><td class="n">${esc(f.g(d.alphaPerception))}</td></tr>`,
      )
      .join('\n');
    const dims = `<h2>${esc(t.byDimension)}</h2>
${pairedBarsSvg(lang, report.dimensions)}
<table><thead><tr><th>${esc(t.dimension)}</th><th class="n">${esc(t.gap)}</th><th class="n">${esc(t.expectation)}</th><th class="n">${esc(t.perception)}</th><th class="n">${esc(t.weight)}</th><th class="n">${esc(t.alpha)}</th></tr></thead>
<tbody>${dimRows}</tbody></table>
<p class="muted">${esc(t.alphaHelp)}</p>`;
    const itemRows = worstFirst(report.items)
      .map((it) => {
        const shortfall = it.ci95 !== null && it.ci95[1] < 0;
        const wording = words.get(it.item) || fill(t.itemN, { n: it.item });
        return `<tr><td>${esc(wording)}<div class="muted">${esc(dim(it.dimension))} · ${esc(f.int(it.n))} ${esc(t.n.toLowerCase())}</div></td><td class="n">${esc(f.g(it.expectation))}</td><td class="n">${esc(f.g(it.perception))}</td><td class="n${shortfall ? ' neg' : ''}">${shortfall ? '▼ ' : ''}${esc(f.g(it.gap))}</td><td class="n">${esc(ci(it.ci95))}</td></tr>`;
      })
      .join('\n');
    const items = `<h2>${esc(t.byItem)}</h2>
<p class="muted">${esc(t.itemsHelp)}</p>
<table><thead><tr><th>${esc(t.item)}</th><th class="n">${esc(t.expectation)}</th><th class="n">${esc(t.perception)}</th><th class="n">${esc(t.gap)}</th><th class="n">${esc(t.ci)}</th></tr></thead>
<tbody>${itemRows}</tbody></table>`;
    const leagueRows = league.units
      .map(
        (u) =>
          `<tr><td class="n">${esc(f.int(u.rank))}</td><td class="unit">${esc(u.unitName)}</td><td class="n">${esc(f.int(u.n))}</td><td class="n">${esc(f.g(u.gap))}</td><td class="n">${esc(f.g(u.weightedGap))}</td><td class="n">${esc(ci(u.ci95))}</td></tr>`,
      )
      .join('\n');
    // One unit is no league: the table appears from two units, as on the screen.
    const leagueHtml =
      league.units.length < 2
        ? ''
        : `<h2>${esc(t.league)}</h2>
<table class="league"><thead><tr><th class="n">${esc(t.rank)}</th><th>${esc(t.unit)}</th><th class="n">${esc(t.respondents)}</th><th class="n">${esc(t.overallGap)}</th><th class="n">${esc(t.weightedGap)}</th><th class="n">${esc(t.ci)}</th></tr></thead>
<tbody>${leagueRows}</tbody></table>`;
    body = tiles + dims + leagueHtml + items;
  }

  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(`${t.title} · ${input.surveyName}`)}</title>
<style>${STYLE}</style></head>
<body>
${head}
${body}
</body></html>
`;
}
