// The printable home overview (issue 11): NPS, CSAT and the SERVQUAL overall gap of the period
// with their intervals and the change against the previous period (flagged only when
// significant, as on the screen), responses by channel and the alerts (complaints past due, best
// customers at risk, overdue corrective actions). Pure: the numbers are overview()'s.
import type { THeadline, TOverviewReport } from '@fidelia/contracts';
import { esc, fill, formatter, type TReportLang } from './pdf-format';
import {
  channelName,
  filterRows,
  hbarsSvg,
  periodText,
  reportPage,
  type TReportFilters,
  table,
  tile,
} from './pdf-layout';

export interface TOverviewPdfInput {
  lang: TReportLang;
  /** the one survey asked for, or null: every survey */
  surveyName: string | null;
  filters: TReportFilters;
  report: TOverviewReport;
  generatedAt: Date;
}

const T = {
  es: {
    title: 'Resumen de la experiencia de cliente',
    compared: 'Comparado con',
    nps: 'NPS',
    csat: 'CSAT (clientes satisfechos)',
    servqualGap: 'Brecha SERVQUAL global',
    interval: 'Intervalo del 95 %: {lo} … {hi}',
    answers: '{n} respuestas',
    noAnswers: 'Sin respuestas en este periodo',
    noInterval: 'Pocas respuestas para un intervalo',
    noPrevious: 'Sin datos del periodo anterior para comparar',
    significant: '{d} frente al periodo anterior, significativo',
    notSignificant: '{d} frente al periodo anterior, no significativo',
    byChannel: 'Respuestas por canal ({n})',
    noChannel: 'No hay respuestas en este periodo.',
    alerts: 'Avisos',
    pastDue: 'Reclamaciones abiertas fuera de plazo',
    atRisk: 'Mejores clientes en riesgo',
    overdueActions: 'Acciones correctoras vencidas',
    what: 'Aviso',
    count: 'Número',
    detail: 'Los primeros',
    due: 'vence el {d}',
  },
  en: {
    title: 'Customer experience overview',
    compared: 'Compared with',
    nps: 'NPS',
    csat: 'CSAT (satisfied customers)',
    servqualGap: 'SERVQUAL overall gap',
    interval: '95% interval {lo} … {hi}',
    answers: '{n} answers',
    noAnswers: 'No answers in this period',
    noInterval: 'Too few answers for an interval',
    noPrevious: 'No data in the previous period to compare with',
    significant: '{d} vs previous period, significant',
    notSignificant: '{d} vs previous period, not significant',
    byChannel: 'Responses by channel ({n})',
    noChannel: 'No responses in this period.',
    alerts: 'Alerts',
    pastDue: 'Open complaints past due',
    atRisk: 'Best customers at risk',
    overdueActions: 'Overdue corrective actions',
    what: 'Alert',
    count: 'Number',
    detail: 'The first ones',
    due: 'due {d}',
  },
} as const;

type TMetric = 'nps' | 'csat' | 'servqualGap';

/** A headline value as the screen shows it: NPS in points, CSAT as a share, the gap to 2. */
export function headlineText(lang: TReportLang, metric: TMetric) {
  const f = formatter(lang);
  return {
    show: (v: number | null | undefined) =>
      metric === 'nps' ? f.num(v, 1) : metric === 'csat' ? f.pct(v, 1) : f.g(v),
    // a CSAT change is in percentage points
    diff: (v: number) => {
      const s = metric === 'nps' ? f.num(v, 1) : metric === 'csat' ? f.num(v * 100, 1) : f.g(v);
      return v > 0 ? `+${s}` : s;
    },
  };
}

function headlineTile(lang: TReportLang, metric: TMetric, h: THeadline): string {
  const t = T[lang];
  const f = formatter(lang);
  const { show, diff } = headlineText(lang, metric);
  const lines =
    h.n === 0
      ? [t.noAnswers]
      : [
          h.ci95 ? fill(t.interval, { lo: show(h.ci95[0]), hi: show(h.ci95[1]) }) : t.noInterval,
          fill(t.answers, { n: f.int(h.n) }),
        ];
  const c = h.change;
  const note =
    c === null
      ? `<div class="muted">${esc(t.noPrevious)}</div>`
      : c.significant
        ? `<div class="${c.difference > 0 ? 'up' : 'neg'}">${c.difference > 0 ? '▲' : '▼'} ${esc(fill(t.significant, { d: diff(c.difference) }))}</div>`
        : `<div class="muted">${esc(fill(t.notSignificant, { d: diff(c.difference) }))}</div>`;
  return tile(t[metric], show(h.value), lines, note);
}

export function overviewReportHtml(input: TOverviewPdfInput): string {
  const { lang, report: d } = input;
  const t = T[lang];
  const f = formatter(lang);
  const channels = [...d.responsesByChannel].sort((a, b) => b.n - a.n);
  const tiles = `<div class="tiles">
${headlineTile(lang, 'nps', d.nps)}
${headlineTile(lang, 'csat', d.csat)}
${headlineTile(lang, 'servqualGap', d.servqualGap)}
</div>`;
  const byChannel = `<h2>${esc(fill(t.byChannel, { n: f.int(d.responses) }))}</h2>
${
  channels.length === 0
    ? `<p>${esc(t.noChannel)}</p>`
    : hbarsSvg(
        channels.map((c) => ({
          label: channelName(lang, c.channel),
          value: c.n,
          text: f.int(c.n),
        })),
        { aria: fill(t.byChannel, { n: f.int(d.responses) }) },
      )
}`;
  const names = (xs: string[]) => ({
    html: xs.map((x) => `<div>${esc(x)}</div>`).join(''),
  });
  const alerts = `<h2>${esc(t.alerts)}</h2>
${table(
  [{ label: t.what }, { label: t.count, num: true }, { label: t.detail }],
  [
    [
      t.pastDue,
      { html: esc(f.int(d.complaintsPastDue)), cls: d.complaintsPastDue > 0 ? 'neg' : '' },
      '',
    ],
    [
      t.atRisk,
      f.int(d.atRiskBestCustomers.count),
      names(d.atRiskBestCustomers.top.slice(0, 5).map((c) => c.name)),
    ],
    [
      t.overdueActions,
      {
        html: esc(f.int(d.overdueCorrectiveActions.count)),
        cls: d.overdueCorrectiveActions.count > 0 ? 'neg' : '',
      },
      names(
        d.overdueCorrectiveActions.top.map(
          (a) => `${a.title} · ${a.unit} · ${fill(t.due, { d: f.date(a.dueDate.slice(0, 10)) })}`,
        ),
      ),
    ],
  ],
)}`;
  const meta = filterRows(
    lang,
    { ...input.filters, from: d.period.from, to: d.period.to },
    { survey: input.surveyName },
  );
  // the comparison period right after the period
  meta.splice(2, 0, [t.compared, periodText(lang, d.previousPeriod.from, d.previousPeriod.to)]);
  return reportPage({
    lang,
    title: t.title,
    meta,
    generatedAt: input.generatedAt,
    body: tiles + byChannel + alerts,
  });
}
