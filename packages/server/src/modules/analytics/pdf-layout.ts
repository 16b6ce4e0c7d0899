// The frame every printable analytics report shares (issue 11): one self-contained A4 HTML page
// (no scripts, no external resources, a CSP that forbids any load), the filters stated in words,
// tiles, tables and a horizontal bar chart as inline SVG. Pure; every piece of text goes through
// esc() here or in the report's own file.
import { DASH, esc, fill, formatter, type TReportLang } from './pdf-format';

export const COMMON = {
  es: {
    survey: 'Encuesta',
    allSurveys: 'Todas las encuestas',
    period: 'Periodo',
    allPeriod: 'Todas las respuestas',
    since: 'Desde el {d}',
    until: 'Hasta el {d}',
    between: 'Del {a} al {b}',
    unit: 'Oficina o unidad',
    allUnits: 'Todas las unidades a su alcance',
    channel: 'Canal',
    allChannels: 'Todos los canales',
    segment: 'Segmento',
    language: 'Idioma de la respuesta',
    generated: 'Generado el {d}',
    n: 'Respuestas',
    ci: 'Intervalo del 95 %',
    noInterval: 'Pocas respuestas para un intervalo',
    dims: {
      tangibles: 'Elementos tangibles',
      reliability: 'Fiabilidad',
      responsiveness: 'Capacidad de respuesta',
      assurance: 'Seguridad',
      empathy: 'Empatía',
    } as Record<string, string>,
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
    } as Record<string, string>,
    segments: { A: 'Clase A', B: 'Clase B', C: 'Clase C', none: 'Sin clase' } as Record<
      string,
      string
    >,
    languages: { es: 'Español', en: 'Inglés' } as Record<string, string>,
  },
  en: {
    survey: 'Survey',
    allSurveys: 'All surveys',
    period: 'Period',
    allPeriod: 'All responses',
    since: 'From {d}',
    until: 'Until {d}',
    between: '{a} to {b}',
    unit: 'Branch or unit',
    allUnits: 'All units within your scope',
    channel: 'Channel',
    allChannels: 'All channels',
    segment: 'Segment',
    language: 'Response language',
    generated: 'Generated on {d}',
    n: 'Answers',
    ci: '95% interval',
    noInterval: 'Too few answers for an interval',
    dims: {
      tangibles: 'Tangibles',
      reliability: 'Reliability',
      responsiveness: 'Responsiveness',
      assurance: 'Assurance',
      empathy: 'Empathy',
    } as Record<string, string>,
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
    } as Record<string, string>,
    segments: { A: 'Class A', B: 'Class B', C: 'Class C', none: 'No class' } as Record<
      string,
      string
    >,
    languages: { es: 'Spanish', en: 'English' } as Record<string, string>,
  },
} as const;

/** The filters a report was asked with (dates as given, the unit's name, codes as codes). */
export interface TReportFilters {
  from?: string;
  to?: string;
  unitName?: string;
  channel?: string;
  segment?: string;
  language?: string;
}

/** The period in words. A date-time bound keeps its day for the wording. */
export function periodText(lang: TReportLang, from?: string, to?: string): string {
  const t = COMMON[lang];
  const f = formatter(lang);
  if (from && to) return fill(t.between, { a: f.date(from), b: f.date(to) });
  if (from) return fill(t.since, { d: f.date(from) });
  if (to) return fill(t.until, { d: f.date(to) });
  return t.allPeriod;
}

/** A SERVQUAL dimension's name (the code itself never reaches the page for the five known). */
export const dimName = (lang: TReportLang, d: string) => COMMON[lang].dims[d] ?? d;
export const channelName = (lang: TReportLang, c: string) => COMMON[lang].channels[c] ?? c;

/** Label/value rows stating the filters: survey (when given), period, unit, channel, and the
 *  respondent filters only when set. `withChannel: false` for reports without channels. */
export function filterRows(
  lang: TReportLang,
  f: TReportFilters,
  opts: { survey?: string | null; withChannel?: boolean } = {},
): Array<[string, string]> {
  const t = COMMON[lang];
  const rows: Array<[string, string]> = [];
  if (opts.survey !== undefined) rows.push([t.survey, opts.survey ?? t.allSurveys]);
  rows.push([t.period, periodText(lang, f.from, f.to)]);
  rows.push([t.unit, f.unitName ?? t.allUnits]);
  if (opts.withChannel !== false)
    rows.push([t.channel, f.channel ? channelName(lang, f.channel) : t.allChannels]);
  if (f.segment) rows.push([t.segment, t.segments[f.segment] ?? f.segment]);
  if (f.language) rows.push([t.language, t.languages[f.language] ?? f.language]);
  return rows;
}

export const STYLE = `
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
.tiles { display: flex; flex-wrap: wrap; gap: 4mm; margin: 4mm 0; }
.tile { flex: 1 1 0; min-width: 38mm; border: 1px solid #ced4da; border-radius: 2mm; padding: 3mm;
  break-inside: avoid; }
.tile .v { font-size: 18pt; font-weight: bold; }
.up { color: #087f5b; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 1.2mm 1.5mm; border-bottom: 1px solid #e9ecef; vertical-align: top; }
th { text-align: left; background: #f1f3f5; font-size: 9pt; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
tr { break-inside: avoid; }
svg { break-inside: avoid; }
.neg { color: #c92a2a; font-weight: bold; }
.cols { display: flex; gap: 6mm; }
.cols > section { flex: 1 1 0; min-width: 0; }
svg text.lb { font-size: 12px; fill: #212529; }
svg text.vl, svg text.ax, svg text.lg { font-size: 11px; fill: #495057; }
`;

/** The whole page: title, the filter rows, the generation date, then `body` (already HTML). */
export function reportPage(p: {
  lang: TReportLang;
  title: string;
  /** shown after the title in the document's title (a survey name, say) */
  subject?: string;
  meta: Array<[string, string]>;
  generatedAt: Date;
  body: string;
}): string {
  const t = COMMON[p.lang];
  const f = formatter(p.lang);
  const meta = p.meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('\n');
  return `<!doctype html>
<html lang="${p.lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(p.subject ? `${p.title} · ${p.subject}` : p.title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${esc(p.title)}</h1>
<dl class="meta">
${meta}
</dl>
<p class="muted">${esc(fill(t.generated, { d: f.date(p.generatedAt) }))}</p>
${p.body}
</body></html>
`;
}

/** A headline tile; `value` and `lines` are plain text (escaped here), `note` is HTML. */
export function tile(label: string, value: string, lines: string[] = [], note = ''): string {
  return `<div class="tile"><div class="muted">${esc(label)}</div><div class="v">${esc(value)}</div>${lines
    .map((l) => `<div class="muted">${esc(l)}</div>`)
    .join('')}${note}</div>`;
}

export interface TColumn {
  label: string;
  /** right-aligned numbers */
  num?: boolean;
}
/** A table; cells are plain text (escaped here) or `{ html }` already escaped by the caller. */
export function table(
  cols: TColumn[],
  rows: Array<Array<string | { html: string; cls?: string }>>,
  cls = '',
): string {
  const head = cols.map((c) => `<th${c.num ? ' class="n"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((cell, i) => {
            const base = cols[i]?.num ? 'n' : '';
            if (typeof cell === 'string')
              return `<td${base ? ` class="${base}"` : ''}>${esc(cell)}</td>`;
            const c = [base, cell.cls ?? ''].filter(Boolean).join(' ');
            return `<td${c ? ` class="${c}"` : ''}>${cell.html}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head}</tr></thead>
<tbody>${body}</tbody></table>`;
}

/** Horizontal bars from 0 (or from `min` when values go negative) with the value printed at the
 *  end of each bar; negative values red. Labels and values are plain text. */
export function hbarsSvg(
  rows: Array<{ label: string; value: number | null; text: string }>,
  opts: { aria: string; min?: number; max?: number; labelW?: number; plotW?: number } = {
    aria: '',
  },
): string {
  const labelW = opts.labelW ?? 190;
  const plotW = opts.plotW ?? 400;
  const valueW = 70;
  const rowH = 24;
  const vals = rows.map((r) => r.value).filter((v): v is number => v !== null);
  const lo = Math.min(opts.min ?? 0, ...vals, 0);
  const hi = Math.max(opts.max ?? 0, ...vals, lo + 1e-9);
  const x = (v: number) => labelW + ((v - lo) / (hi - lo)) * plotW;
  const zero = x(0);
  const height = rows.length * rowH + 6;
  const parts: string[] = [];
  parts.push(
    `<line x1="${zero.toFixed(1)}" y1="0" x2="${zero.toFixed(1)}" y2="${height}" stroke="#adb5bd"/>`,
  );
  rows.forEach((r, i) => {
    const y = 3 + i * rowH;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="lb">${esc(clip(r.label, 30))}</text>`,
    );
    if (r.value === null) {
      parts.push(`<text x="${(zero + 4).toFixed(1)}" y="${y + 15}" class="vl">${DASH}</text>`);
      return;
    }
    const a = Math.min(zero, x(r.value));
    const w = Math.abs(x(r.value) - zero);
    parts.push(
      `<rect x="${a.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="${r.value < 0 ? '#c92a2a' : '#087f5b'}"/>`,
      `<text x="${(Math.max(zero, x(r.value)) + 4).toFixed(1)}" y="${y + 15}" class="vl">${esc(r.text)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${labelW + plotW + valueW} ${height}" width="100%" role="img" aria-label="${esc(opts.aria)}">${parts.join('')}</svg>`;
}

/** Shortens a label for a chart axis (the table beside the chart has it in full). */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
