// The printable complaints report (issue 11): received / open, rating of the handling, reopen
// rate and defection as tiles, the volume per week or month (bars, inline SVG), the Pareto of
// root causes, SLA compliance per target with the median times, the counts by category, unit,
// channel and form of dissatisfaction, and the post-closure ratings. Pure: the numbers are
// complaintsReport's for the same filters.
import type { TComplaintsAnalytics } from '@fidelia/contracts';
import { esc, fill, formatter, ok, type TReportLang } from './pdf-format';
import {
  clip,
  filterRows,
  hbarsSvg,
  reportPage,
  type TReportFilters,
  table,
  tile,
} from './pdf-layout';

export interface TComplaintsPdfInput {
  lang: TReportLang;
  filters: TReportFilters;
  report: TComplaintsAnalytics;
  /** the trend's bucket */
  period: 'week' | 'month';
  generatedAt: Date;
}

const T = {
  es: {
    title: 'Informe de reclamaciones',
    empty: 'No hay reclamaciones en este periodo.',
    received: 'Recibidas',
    openNow: '{n} siguen abiertas',
    rating: 'Valoración de la gestión',
    ratingHelp: '{share} satisfechos (4 o 5) · {n} valoraciones',
    reopen: 'Reabiertas',
    reopenHelp: '{n} de {of} cerradas alguna vez',
    defection: 'Clientes perdidos que reclamaron',
    defectionHelp: '{n} con una reclamación sin resolver o mal gestionada ({share})',
    trend: 'Volumen por {p}',
    by: { week: 'semana', month: 'mes' },
    pareto: 'Pareto de causas raíz',
    paretoHelp:
      'Reclamaciones cerradas por causa raíz, de la más frecuente a la menos, con el porcentaje acumulado.',
    cause: 'Causa raíz',
    cases: 'Reclamaciones',
    share: 'Porcentaje',
    cumulative: 'Acumulado',
    sla: 'Cumplimiento de plazos (SLA)',
    slaHelp:
      'Objetivos cumplidos a tiempo sobre los ya decididos (cumplidos a tiempo, fuera de plazo o vencidos sin cumplir).',
    target: 'Objetivo',
    onTime: 'A tiempo',
    late: 'Fuera de plazo',
    overdue: 'Vencidos',
    pending: 'En curso',
    compliance: 'Cumplimiento',
    targets: {
      first_response: 'Primera respuesta',
      update: 'Seguimiento',
      resolution: 'Resolución',
    },
    times: 'Mediana hasta la primera respuesta: {first} · hasta la resolución: {resolution}',
    hours: '{h} h',
    section: {
      category: 'Por categoría',
      unit: 'Por unidad',
      channel: 'Por canal',
      form: 'Por forma de insatisfacción',
    },
    none: 'Sin indicar',
    noneInSection: 'Sin datos para este apartado en el periodo.',
    channels: {
      web: 'Web',
      counter: 'Mostrador',
      phone: 'Teléfono',
      email: 'Correo electrónico',
      survey: 'Encuesta',
      retention: 'Seguimiento de clientes',
    } as Record<string, string>,
    forms: {
      complaint: 'Reclamación expresada',
      unexpressed: 'No expresada',
      avoidable: 'Evitable',
      trivial: 'Trivial',
    } as Record<string, string>,
    ratings: 'Valoraciones tras el cierre',
    stars: '{n} ★',
    answers: 'Valoraciones',
  },
  en: {
    title: 'Complaints report',
    empty: 'No complaints in this period.',
    received: 'Received',
    openNow: '{n} still open',
    rating: 'Rating of the handling',
    ratingHelp: '{share} satisfied (4 or 5) · {n} ratings',
    reopen: 'Reopened',
    reopenHelp: '{n} of {of} ever closed',
    defection: 'Lost customers who complained',
    defectionHelp: '{n} with a complaint unresolved or badly handled ({share})',
    trend: 'Volume by {p}',
    by: { week: 'week', month: 'month' },
    pareto: 'Pareto of root causes',
    paretoHelp: 'Closed complaints by root cause, most frequent first, with the cumulative share.',
    cause: 'Root cause',
    cases: 'Complaints',
    share: 'Share',
    cumulative: 'Cumulative',
    sla: 'Service-level (SLA) compliance',
    slaHelp:
      'Targets met on time out of those already decided (met on time, met late, or overdue unmet).',
    target: 'Target',
    onTime: 'On time',
    late: 'Late',
    overdue: 'Overdue',
    pending: 'In progress',
    compliance: 'Compliance',
    targets: { first_response: 'First response', update: 'Update', resolution: 'Resolution' },
    times: 'Median to first response: {first} · to resolution: {resolution}',
    hours: '{h} h',
    section: {
      category: 'By category',
      unit: 'By unit',
      channel: 'By channel',
      form: 'By form of dissatisfaction',
    },
    none: 'Not given',
    noneInSection: 'No data for this section in the period.',
    channels: {
      web: 'Web',
      counter: 'Counter',
      phone: 'Phone',
      email: 'E-mail',
      survey: 'Survey',
      retention: 'Customer follow-up',
    } as Record<string, string>,
    forms: {
      complaint: 'Expressed complaint',
      unexpressed: 'Unexpressed',
      avoidable: 'Avoidable',
      trivial: 'Trivial',
    } as Record<string, string>,
    ratings: 'Ratings after closure',
    stars: '{n} ★',
    answers: 'Ratings',
  },
} as const;

/** Vertical bars of a count per period (the trend). */
export function volumeSvg(
  lang: TReportLang,
  rows: Array<{ label: string; count: number }>,
  aria: string,
): string {
  const f = formatter(lang);
  const W = 660;
  const H = 200;
  const left = 40;
  const bottom = 36;
  const top = 14;
  const pw = W - left - 10;
  const ph = H - top - bottom;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const slot = pw / Math.max(1, rows.length);
  const every = Math.max(1, Math.ceil(rows.length / 12));
  const parts: string[] = [
    `<line x1="${left}" y1="${top + ph}" x2="${W - 10}" y2="${top + ph}" stroke="#adb5bd"/>`,
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" class="ax">${esc(f.int(max))}</text>`,
    `<text x="${left - 6}" y="${top + ph + 4}" text-anchor="end" class="ax">${esc(f.int(0))}</text>`,
  ];
  rows.forEach((r, i) => {
    const h = (r.count / max) * ph;
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${(top + ph - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#087f5b"/>`,
    );
    if (rows.length <= 24 && r.count > 0)
      parts.push(
        `<text x="${(x + w / 2).toFixed(1)}" y="${(top + ph - h - 3).toFixed(1)}" text-anchor="middle" class="vl">${esc(f.int(r.count))}</text>`,
      );
    if (i % every === 0)
      parts.push(
        `<text x="${(x + w / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" class="ax">${esc(clip(r.label, 14))}</text>`,
      );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(aria)}">${parts.join('')}</svg>`;
}

export function complaintsReportHtml(input: TComplaintsPdfInput): string {
  const { lang, report: d } = input;
  const t = T[lang];
  const f = formatter(lang);
  const meta = filterRows(lang, input.filters, { withChannel: false });
  let body: string;
  if (d.total === 0) {
    body = `<p>${esc(t.empty)}</p>`;
  } else {
    const tiles = `<div class="tiles">
${tile(t.received, f.int(d.total), [fill(t.openNow, { n: f.int(d.open) })])}
${tile(t.rating, ok(d.satisfaction.mean) ? `${f.g(d.satisfaction.mean)} / 5` : '—', [
  fill(t.ratingHelp, {
    share: f.pct(d.satisfaction.satisfiedShare, 0),
    n: f.int(d.satisfaction.n),
  }),
])}
${tile(t.reopen, f.pct(d.reopen.rate, 1), [
  fill(t.reopenHelp, { n: f.int(d.reopen.reopened), of: f.int(d.reopen.everClosed) }),
])}
${tile(t.defection, f.int(d.defection.lostWithComplaints), [
  fill(t.defectionHelp, {
    n: f.int(d.defection.unresolvedOrBadlyHandled),
    share: f.pct(d.defection.share, 0),
  }),
])}
</div>`;
    const trendTitle = fill(t.trend, { p: t.by[input.period] });
    const trend = `<h2>${esc(trendTitle)}</h2>
${
  d.trend.length === 0
    ? `<p>${esc(t.noneInSection)}</p>`
    : volumeSvg(
        lang,
        d.trend.map((x) => ({
          label: f.periodShort(x.period) ?? f.period(x.period),
          count: x.count,
        })),
        trendTitle,
      )
}`;
    const pareto = `<h2>${esc(t.pareto)}</h2>
<p class="muted">${esc(t.paretoHelp)}</p>
${
  d.pareto.length === 0
    ? `<p>${esc(t.noneInSection)}</p>`
    : table(
        [
          { label: '#', num: true },
          { label: t.cause },
          { label: t.cases, num: true },
          { label: t.share, num: true },
          { label: t.cumulative, num: true },
        ],
        d.pareto.map((x, i) => [
          f.int(i + 1),
          { html: esc(x.cause), cls: 'unit' },
          f.int(x.count),
          f.pct(x.share, 0),
          f.pct(x.cumulative, 0),
        ]),
      )
}`;
    const shown = d.sla.filter((x) => x.total > 0);
    const hours = (v: number | null) => (ok(v) ? fill(t.hours, { h: f.num(v, 1) }) : '—');
    const sla = `<h2>${esc(t.sla)}</h2>
<p class="muted">${esc(t.slaHelp)}</p>
${
  shown.length === 0
    ? `<p>${esc(t.noneInSection)}</p>`
    : table(
        [
          { label: t.target },
          { label: t.onTime, num: true },
          { label: t.late, num: true },
          { label: t.overdue, num: true },
          { label: t.pending, num: true },
          { label: t.compliance, num: true },
        ],
        shown.map((x) => [
          t.targets[x.target],
          f.int(x.met),
          f.int(x.metLate),
          f.int(x.breachedOpen),
          f.int(x.pending + x.paused),
          {
            html: esc(f.pct(x.compliance, 0)),
            cls: ok(x.compliance) && x.compliance < 0.9 ? 'neg' : '',
          },
        ]),
      )
}
<p class="muted">${esc(fill(t.times, { first: hours(d.firstResponseHours.median), resolution: hours(d.resolutionHours.median) }))}</p>`;
    const word = (k: string) => (k === '—' || k === '' ? t.none : k);
    const lists: Array<[keyof typeof t.section, Array<{ name: string; count: number }>]> = [
      ['category', d.byCategory.map((x) => ({ name: word(x.key), count: x.count }))],
      ['unit', d.byUnit.map((x) => ({ name: word(x.key), count: x.count }))],
      ['channel', d.byChannel.map((x) => ({ name: t.channels[x.key] ?? x.key, count: x.count }))],
      ['form', d.byForm.map((x) => ({ name: t.forms[x.key] ?? x.key, count: x.count }))],
    ];
    const counts = lists
      .map(
        ([k, xs]) => `<h2>${esc(t.section[k])}</h2>
${
  xs.length === 0
    ? `<p>${esc(t.noneInSection)}</p>`
    : hbarsSvg(
        xs.map((x) => ({
          label: x.name,
          value: x.count,
          text: `${f.int(x.count)} (${f.pct(d.total ? x.count / d.total : null, 0)})`,
        })),
        { aria: t.section[k] },
      )
}`,
      )
      .join('\n');
    const ratings =
      d.satisfaction.n === 0
        ? ''
        : `<h2>${esc(t.ratings)}</h2>
${hbarsSvg(
  d.satisfaction.distribution.map((x) => ({
    label: fill(t.stars, { n: f.int(x.rating) }),
    value: x.count,
    text: f.int(x.count),
  })),
  { aria: t.ratings },
)}`;
    body = tiles + trend + sla + pareto + counts + ratings;
  }
  return reportPage({ lang, title: t.title, meta, generatedAt: input.generatedAt, body });
}
