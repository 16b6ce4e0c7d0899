// The printable NPS / CSAT report (issue 11): the headline with its interval (and the promoter /
// passive / detractor split, or the CSAT mean), the trend per week / month / quarter as an inline
// SVG with its control limits and out-of-control points, the table of periods with the
// significance of each change, and the breakdowns. Pure: the numbers are npsReportFor /
// csatReportFor / trendReport's for the same filters.
import type { TCsatReport, TNpsReport, TTrendReport } from '@fidelia/contracts';
import { DASH, esc, fill, formatter, ok, type TReportLang } from './pdf-format';
import {
  COMMON,
  channelName,
  clip,
  filterRows,
  hbarsSvg,
  reportPage,
  type TReportFilters,
  table,
  tile,
} from './pdf-layout';

export type TNpsGroupBy =
  | 'unit'
  | 'channel'
  | 'month'
  | 'language'
  | 'segment'
  | 'classification'
  | 'tier';

export interface TNpsPdfInput {
  lang: TReportLang;
  surveyName: string;
  filters: TReportFilters;
  metric: 'nps' | 'csat';
  head: TNpsReport | TCsatReport;
  trend: TTrendReport;
  /** the breakdowns, the view's first; groups as the JSON names them */
  breakdowns: Array<{ by: TNpsGroupBy; report: TNpsReport | TCsatReport }>;
  generatedAt: Date;
}

const T = {
  es: {
    title: { nps: 'Informe de NPS', csat: 'Informe de CSAT' },
    metric: { nps: 'NPS', csat: 'CSAT (clientes satisfechos)' },
    interval: 'Intervalo del 95 %: {lo} … {hi}',
    answers: '{n} respuestas',
    split: 'Promotores, pasivos y detractores',
    promoters: 'Promotores',
    passives: 'Pasivos',
    detractors: 'Detractores',
    csatMean: 'Satisfacción media',
    csatHelp: 'CSAT: porcentaje que responde los {top} puntos más altos de {scale}.',
    trend: 'Evolución por {p}',
    by: { week: 'semana', month: 'mes', quarter: 'trimestre' },
    trendHelp:
      'Línea continua gris: media de todo el periodo; discontinuas: límites de control. Un punto fuera de ellos (rojo) no es azar. Los cambios marcados son significativos (p < 0,05).',
    tooFew: 'No hay periodos suficientes con respuestas para dibujar una evolución.',
    period: 'Periodo',
    value: 'Valor',
    limits: 'Límites de control',
    change: 'Cambio frente al anterior',
    outOfControl: 'fuera de control',
    significant: 'significativo',
    breakdown: 'Desglose por {by}',
    groupBy: {
      unit: 'unidad',
      channel: 'canal',
      month: 'mes',
      language: 'idioma',
      segment: 'segmento',
      classification: 'tipo de cliente',
      tier: 'nivel de fidelización',
    },
    group: 'Grupo',
    noGroup: 'Sin indicar',
    noGroups: 'No hay grupos con estos filtros.',
    noAnswers: 'No hay respuestas de {m} con estos filtros.',
    classes: {
      processor: 'Transformador',
      merchant: 'Comerciante',
      end_user: 'Usuario final',
      public: 'Público',
    } as Record<string, string>,
    tiers: { bronze: 'Bronce', silver: 'Plata', gold: 'Oro' } as Record<string, string>,
  },
  en: {
    title: { nps: 'NPS report', csat: 'CSAT report' },
    metric: { nps: 'NPS', csat: 'CSAT (satisfied customers)' },
    interval: '95% interval {lo} … {hi}',
    answers: '{n} answers',
    split: 'Promoters, passives and detractors',
    promoters: 'Promoters',
    passives: 'Passives',
    detractors: 'Detractors',
    csatMean: 'Mean satisfaction',
    csatHelp: 'CSAT: share answering the top {top} points of {scale}.',
    trend: 'Trend by {p}',
    by: { week: 'week', month: 'month', quarter: 'quarter' },
    trendHelp:
      'Solid grey line: the mean over the whole period; dashed: control limits. A point outside them (red) is more than chance. Marked changes are significant (p < 0.05).',
    tooFew: 'Not enough periods with answers to draw a trend.',
    period: 'Period',
    value: 'Value',
    limits: 'Control limits',
    change: 'Change vs previous',
    outOfControl: 'out of control',
    significant: 'significant',
    breakdown: 'Breakdown by {by}',
    groupBy: {
      unit: 'unit',
      channel: 'channel',
      month: 'month',
      language: 'language',
      segment: 'segment',
      classification: 'customer type',
      tier: 'loyalty tier',
    },
    group: 'Group',
    noGroup: 'Not given',
    noGroups: 'No groups for these filters.',
    noAnswers: 'No {m} answers with these filters.',
    classes: {
      processor: 'Processor',
      merchant: 'Merchant',
      end_user: 'End user',
      public: 'Public',
    } as Record<string, string>,
    tiers: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' } as Record<string, string>,
  },
} as const;

/** A value as the screen shows it: NPS in points (1 decimal), CSAT as a share (1 decimal). */
export function metricText(lang: TReportLang, metric: 'nps' | 'csat') {
  const f = formatter(lang);
  return {
    show: (v: number | null | undefined) => (metric === 'nps' ? f.num(v, 1) : f.pct(v, 1)),
    diff: (v: number) => {
      const s = metric === 'nps' ? f.num(v, 1) : f.num(v * 100, 1);
      return v > 0 ? `+${s}` : s;
    },
  };
}

/** A group's name in words (codes become words; unit names stay as they are). */
export function groupName(lang: TReportLang, by: TNpsGroupBy, g: string): string {
  const t = T[lang];
  const c = COMMON[lang];
  if (!g) return t.noGroup;
  if (by === 'channel') return channelName(lang, g);
  if (by === 'language') return c.languages[g] ?? g;
  if (by === 'month') return formatter(lang).period(g);
  if (by === 'segment') return c.segments[g] ?? g;
  if (by === 'classification') return t.classes[g] ?? g;
  if (by === 'tier') return t.tiers[g] ?? g;
  return g;
}

const metricValue = (r: { nps?: number | null; csat?: number | null }) =>
  'nps' in r ? (r.nps ?? null) : (r.csat ?? null);

/** The trend as a line with its centre, control limits (dashed) and out-of-control points red. */
export function trendSvg(lang: TReportLang, tr: TTrendReport): string {
  const f = formatter(lang);
  const { show } = metricText(lang, tr.metric);
  const W = 660;
  const H = 230;
  const left = 56;
  const right = 36;
  const top = 10;
  const bottom = 40;
  const ps = tr.periods;
  // months as "jun 2026" on the axis (the table below has them in full)
  const axisLabel = (p: string) => f.periodShort(p) ?? f.period(p);
  const vals: number[] = [];
  for (const p of ps) for (const v of [p.value, p.lcl, p.ucl]) if (ok(v)) vals.push(v);
  if (ok(tr.centre)) vals.push(tr.centre);
  const [lo0, hi0] = tr.metric === 'nps' ? [-100, 100] : [0, 1];
  let lo = Math.max(lo0, Math.min(...vals));
  let hi = Math.min(hi0, Math.max(...vals));
  if (!(hi > lo)) {
    lo = lo0;
    hi = hi0;
  }
  const pad = (hi - lo) * 0.08;
  lo = Math.max(lo0, lo - pad);
  hi = Math.min(hi0, hi + pad);
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const x = (i: number) => left + (ps.length === 1 ? plotW / 2 : (i / (ps.length - 1)) * plotW);
  const y = (v: number) => top + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * plotH;
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    const gy = y(v).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${gy}" x2="${W - right}" y2="${gy}" stroke="#f1f3f5"/>`,
      `<text x="${left - 6}" y="${(Number(gy) + 4).toFixed(1)}" text-anchor="end" class="ax">${esc(show(v))}</text>`,
    );
  }
  if (ok(tr.centre)) {
    const cy = y(tr.centre).toFixed(1);
    parts.push(`<line x1="${left}" y1="${cy}" x2="${W - right}" y2="${cy}" stroke="#868e96"/>`);
  }
  const path = (pick: (p: (typeof ps)[number]) => number | null) => {
    let d = '';
    let pen = false;
    ps.forEach((p, i) => {
      const v = pick(p);
      if (!ok(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  for (const k of ['lcl', 'ucl'] as const) {
    const d = path((p) => p[k]);
    if (d) parts.push(`<path d="${d}" fill="none" stroke="#e8590c" stroke-dasharray="5 4"/>`);
  }
  const line = path((p) => p.value);
  if (line) parts.push(`<path d="${line}" fill="none" stroke="#087f5b" stroke-width="2"/>`);
  ps.forEach((p, i) => {
    if (!ok(p.value)) return;
    parts.push(
      `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${p.outOfControl ? 5 : 3.5}" fill="${p.outOfControl ? '#c92a2a' : '#087f5b'}"/>`,
    );
  });
  // at most ~10 period labels on the axis (the table below lists every period)
  const every = Math.max(1, Math.ceil(ps.length / 10));
  ps.forEach((p, i) => {
    if (i % every !== 0 && i !== ps.length - 1) return;
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${H - bottom + 18}" text-anchor="middle" class="ax">${esc(clip(axisLabel(p.period), 16))}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(fill(T[lang].trend, { p: T[lang].by[tr.period] }))}">${parts.join('')}</svg>`;
}

export function npsReportHtml(input: TNpsPdfInput): string {
  const { lang, metric, head } = input;
  const t = T[lang];
  const f = formatter(lang);
  const { show, diff } = metricText(lang, metric);
  const ci = (c: [number, number] | null) => (c ? `${show(c[0])} … ${show(c[1])}` : DASH);

  let body: string;
  if (head.n === 0) {
    body = `<p>${esc(fill(t.noAnswers, { m: metric.toUpperCase() }))}</p>`;
  } else {
    const value = metricValue(head);
    const second =
      'promoters' in head
        ? tile(
            t.split,
            `${f.pct(head.promoters / head.n, 0)} · ${f.pct(head.passives / head.n, 0)} · ${f.pct(head.detractors / head.n, 0)}`,
            [
              `${t.promoters}: ${f.int(head.promoters)} · ${t.passives}: ${f.int(head.passives)} · ${t.detractors}: ${f.int(head.detractors)}`,
            ],
          )
        : tile(t.csatMean, `${f.g(head.mean)} / ${f.int(head.scale)}`, [
            fill(t.csatHelp, { top: f.int(head.top), scale: f.int(head.scale) }),
          ]);
    const tiles = `<div class="tiles">
${tile(t.metric[metric], show(value), [
  head.ci95
    ? fill(t.interval, { lo: show(head.ci95[0]), hi: show(head.ci95[1]) })
    : COMMON[lang].noInterval,
  fill(t.answers, { n: f.int(head.n) }),
])}
${second}
</div>`;
    const tr = input.trend;
    const trend = `<h2>${esc(fill(t.trend, { p: t.by[tr.period] }))}</h2>
${
  tr.periods.length < 2
    ? `<p>${esc(t.tooFew)}</p>`
    : `${trendSvg(lang, tr)}
<p class="muted">${esc(t.trendHelp)}</p>
${table(
  [
    { label: t.period },
    { label: COMMON[lang].n, num: true },
    { label: t.metric[metric], num: true },
    { label: COMMON[lang].ci, num: true },
    { label: t.limits, num: true },
    { label: t.change, num: true },
  ],
  tr.periods.map((p) => [
    f.period(p.period),
    f.int(p.n),
    {
      html: `${esc(show(p.value))}${p.outOfControl ? `<div class="neg">${esc(t.outOfControl)}</div>` : ''}`,
    },
    ci(p.ci95),
    ok(p.lcl) && ok(p.ucl) ? `${show(p.lcl)} … ${show(p.ucl)}` : DASH,
    p.change
      ? {
          html: `${esc(diff(p.change.difference))}${p.change.significant ? `<div class="${p.change.difference > 0 ? 'up' : 'neg'}">${p.change.difference > 0 ? '▲' : '▼'} ${esc(t.significant)}</div>` : ''}`,
        }
      : DASH,
  ]),
)}`
}`;
    const breakdowns = input.breakdowns
      .map(({ by, report }, i) => {
        const groups = (report.groups ?? []).map((g) => ({
          name: groupName(lang, by, g.group),
          n: g.n,
          value: metricValue(g),
          ci95: g.ci95,
        }));
        const title = `<h2>${esc(fill(t.breakdown, { by: t.groupBy[by] }))}</h2>`;
        if (groups.length === 0) return `${title}<p>${esc(t.noGroups)}</p>`;
        // the view's own breakdown also as bars, like the screen
        const bars =
          i === 0
            ? hbarsSvg(
                groups.map((g) => ({ label: g.name, value: g.value, text: show(g.value) })),
                {
                  aria: fill(t.breakdown, { by: t.groupBy[by] }),
                  ...(metric === 'nps' ? {} : { max: 1 }),
                },
              )
            : '';
        return `${title}${bars}
${table(
  [
    { label: t.group },
    { label: t.metric[metric], num: true },
    { label: COMMON[lang].ci, num: true },
    { label: COMMON[lang].n, num: true },
  ],
  groups.map((g) => [
    { html: esc(g.name), cls: 'unit' },
    { html: esc(show(g.value)), cls: ok(g.value) && g.value < 0 ? 'neg' : '' },
    ci(g.ci95),
    f.int(g.n),
  ]),
)}`;
      })
      .join('\n');
    body = tiles + trend + breakdowns;
  }
  return reportPage({
    lang,
    title: t.title[metric],
    subject: input.surveyName,
    meta: filterRows(lang, input.filters, { survey: input.surveyName }),
    generatedAt: input.generatedAt,
    body,
  });
}
