// The printable priorities report (issue 11): the importance–performance grid of the SERVQUAL
// dimensions (numbered points, inline SVG, and the table), the key drivers of NPS/CSAT, and the
// Kano attributes (Better/Worse diagram and table, with the seed's names next to M/O/A/I). A
// section appears when the survey has its questions. Pure: the numbers are ipaReport /
// driversReport / kanoReport's for the same filters.
import type { TDriversReport, TIpaReport, TKanoReport } from '@fidelia/contracts';
import { DASH, esc, fill, formatter, type TReportLang } from './pdf-format';
import {
  dimName,
  filterRows,
  hbarsSvg,
  reportPage,
  type TReportFilters,
  table,
} from './pdf-layout';

export interface TPrioritiesPdfInput {
  lang: TReportLang;
  surveyName: string;
  filters: TReportFilters;
  ipa: TIpaReport;
  drivers: TDriversReport;
  kano: TKanoReport;
  /** Kano attribute -> the question's title in the report's language */
  kanoNames: Map<string, string>;
  generatedAt: Date;
}

const QUADRANT = {
  'concentrate here': { color: '#c92a2a', es: 'Concentrarse aquí', en: 'Concentrate here' },
  'keep up the good work': {
    color: '#087f5b',
    es: 'Mantener el buen trabajo',
    en: 'Keep up the good work',
  },
  'low priority': { color: '#868e96', es: 'Baja prioridad', en: 'Low priority' },
  'possible overkill': { color: '#e8590c', es: 'Posible exceso', en: 'Possible overkill' },
} as const;

const KANO = {
  M: { color: '#1971c2', es: 'Básico o esperado (M)', en: 'Basic or expected (M)' },
  O: { color: '#087f5b', es: 'Deseado (O)', en: 'Desired (O)' },
  A: { color: '#e8590c', es: 'Inesperado (A)', en: 'Unexpected (A)' },
  I: { color: '#868e96', es: 'Indiferente (I)', en: 'Indifferent (I)' },
  R: { color: '#c92a2a', es: 'Inverso (R)', en: 'Reverse (R)' },
  Q: { color: '#495057', es: 'Dudoso (Q)', en: 'Questionable (Q)' },
} as const;

const T = {
  es: {
    title: 'Informe de prioridades',
    ipa: 'Matriz importancia–desempeño',
    importance: 'Importancia',
    performance: 'Desempeño',
    quadrant: 'Cuadrante',
    dimension: 'Dimensión',
    axisPerf: 'Desempeño (percepción media, 1–7)',
    axisImp: { stated: 'Importancia (puntos sobre 100)', derived: 'Importancia (correlación)' },
    ipaHelp:
      'Líneas en la importancia media ({icut}) y el desempeño medio ({pcut}). El número de cada punto es la fila de la tabla.',
    drivers: 'Factores clave',
    driversHelp:
      'Parte del {outcome} que explica cada dimensión (pesos relativos); juntas explican el {r2}, con {n} respuestas.',
    driversNone:
      'Esta encuesta no tiene pregunta de NPS ni de CSAT que las dimensiones puedan explicar.',
    sample: 'Calculado sobre una muestra aleatoria de {n} respuestas{of}.',
    sampleOf: ' de {of}',
    correlation: 'Correlación',
    beta: 'Beta',
    share: 'Parte de lo explicado',
    kano: 'Kano: atributos del servicio',
    kanoHelp:
      'Better = (A + O) / (A + O + M + I); Worse = −(O + M) / (A + O + M + I). El número de cada punto es la fila de la tabla.',
    attribute: 'Atributo',
    category: 'Categoría',
    better: 'Better',
    worse: 'Worse',
    kanoX: 'Insatisfacción si falta (|Worse|)',
    kanoY: 'Satisfacción si está (Better)',
    n: 'Respuestas',
    noAnswers: 'No hay respuestas SERVQUAL ni Kano con estos filtros.',
  },
  en: {
    title: 'Priorities report',
    ipa: 'Importance–performance grid',
    importance: 'Importance',
    performance: 'Performance',
    quadrant: 'Quadrant',
    dimension: 'Dimension',
    axisPerf: 'Performance (mean perception, 1–7)',
    axisImp: { stated: 'Importance (points out of 100)', derived: 'Importance (correlation)' },
    ipaHelp:
      'Lines at the mean importance ({icut}) and the mean performance ({pcut}). Each point’s number is its row in the table.',
    drivers: 'Key drivers',
    driversHelp:
      'Share of {outcome} explained by each dimension (relative weights); the dimensions explain {r2} together, over {n} answers.',
    driversNone: 'This survey has no NPS or CSAT question for the dimensions to explain.',
    sample: 'Computed on a random sample of {n}{of} responses.',
    sampleOf: ' of {of}',
    correlation: 'Correlation',
    beta: 'Beta',
    share: 'Share of the explained',
    kano: 'Kano: service attributes',
    kanoHelp:
      'Better = (A + O) / (A + O + M + I); Worse = −(O + M) / (A + O + M + I). Each point’s number is its row in the table.',
    attribute: 'Attribute',
    category: 'Category',
    better: 'Better',
    worse: 'Worse',
    kanoX: 'Dissatisfaction if absent (|Worse|)',
    kanoY: 'Satisfaction if present (Better)',
    n: 'Answers',
    noAnswers: 'No SERVQUAL or Kano answers with these filters.',
  },
} as const;

export const quadrantName = (lang: TReportLang, q: string) =>
  QUADRANT[q as keyof typeof QUADRANT]?.[lang] ?? q;
export const kanoCategoryName = (lang: TReportLang, c: string | null) =>
  c ? (KANO[c as keyof typeof KANO]?.[lang] ?? c) : DASH;

interface TPoint {
  x: number;
  y: number;
  label: string;
  color: string;
}

/** A numbered scatter with two cut lines (IPA grid, Kano diagram). */
export function scatterSvg(p: {
  points: TPoint[];
  x: [number, number];
  y: [number, number];
  cutX: number | null;
  cutY: number | null;
  xTitle: string;
  yTitle: string;
  tick: (v: number, axis: 'x' | 'y') => string;
  aria: string;
}): string {
  const W = 560;
  const H = 340;
  const left = 56;
  const bottom = 44;
  const top = 12;
  const right = 16;
  const pw = W - left - right;
  const ph = H - top - bottom;
  const sx = (v: number) => left + ((v - p.x[0]) / (p.x[1] - p.x[0] || 1)) * pw;
  const sy = (v: number) => top + (1 - (v - p.y[0]) / (p.y[1] - p.y[0] || 1)) * ph;
  const parts: string[] = [
    `<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="#ced4da"/>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const vx = p.x[0] + ((p.x[1] - p.x[0]) * k) / 4;
    const vy = p.y[0] + ((p.y[1] - p.y[0]) * k) / 4;
    parts.push(
      `<text x="${sx(vx).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" class="ax">${esc(p.tick(vx, 'x'))}</text>`,
      `<text x="${left - 6}" y="${(sy(vy) + 4).toFixed(1)}" text-anchor="end" class="ax">${esc(p.tick(vy, 'y'))}</text>`,
    );
  }
  if (p.cutX !== null)
    parts.push(
      `<line x1="${sx(p.cutX).toFixed(1)}" y1="${top}" x2="${sx(p.cutX).toFixed(1)}" y2="${top + ph}" stroke="#868e96" stroke-dasharray="4 3"/>`,
    );
  if (p.cutY !== null)
    parts.push(
      `<line x1="${left}" y1="${sy(p.cutY).toFixed(1)}" x2="${left + pw}" y2="${sy(p.cutY).toFixed(1)}" stroke="#868e96" stroke-dasharray="4 3"/>`,
    );
  for (const q of p.points) {
    const cx = sx(q.x).toFixed(1);
    const cy = sy(q.y).toFixed(1);
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="9" fill="${q.color}"/>`,
      `<text x="${cx}" y="${(Number(cy) + 4).toFixed(1)}" text-anchor="middle" style="font-size:10px;fill:#fff;font-weight:bold">${esc(q.label)}</text>`,
    );
  }
  parts.push(
    `<text x="${left + pw / 2}" y="${H - 8}" text-anchor="middle" class="lg">${esc(p.xTitle)}</text>`,
    `<text x="14" y="${top + ph / 2}" text-anchor="middle" class="lg" transform="rotate(-90 14 ${top + ph / 2})">${esc(p.yTitle)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="85%" role="img" aria-label="${esc(p.aria)}">${parts.join('')}</svg>`;
}

/** A padded [min, max] around values (never empty). */
function range(vs: number[], pad: number): [number, number] {
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const d = hi - lo || Math.abs(hi) || 1;
  return [lo - d * pad, hi + d * pad];
}

export function prioritiesReportHtml(input: TPrioritiesPdfInput): string {
  const { lang, ipa, drivers, kano } = input;
  const t = T[lang];
  const f = formatter(lang);
  const sections: string[] = [];
  // the screen's SampleNote: a sampled report says so on paper too
  const sampleLine = (x: TIpaReport['sample']) =>
    x
      ? `<p class="muted">${esc(fill(t.sample, { n: f.int(x.n), of: x.of === null ? '' : fill(t.sampleOf, { of: f.int(x.of) }) }))}</p>`
      : '';

  if (ipa.n > 0 && ipa.attributes.length > 0) {
    const imp = ipa.attributes.map((a) => a.importance);
    const perf = ipa.attributes.map((a) => a.performance);
    if (ipa.importanceCut !== null) imp.push(ipa.importanceCut);
    if (ipa.performanceCut !== null) perf.push(ipa.performanceCut);
    const svg = scatterSvg({
      points: ipa.attributes.map((a, i) => ({
        x: a.importance,
        y: a.performance,
        label: f.int(i + 1),
        color: QUADRANT[a.quadrant]?.color ?? '#868e96',
      })),
      x: range(imp, 0.15),
      y: range(perf, 0.15),
      cutX: ipa.importanceCut,
      cutY: ipa.performanceCut,
      xTitle: t.axisImp[ipa.importance ?? 'stated'],
      yTitle: t.axisPerf,
      tick: (v, axis) =>
        axis === 'x' ? f.num(v, ipa.importance === 'derived' ? 2 : 1) : f.fixed(v, 2),
      aria: t.ipa,
    });
    sections.push(`<h2>${esc(t.ipa)}</h2>
${svg}
<p class="muted">${esc(fill(t.ipaHelp, { icut: f.num(ipa.importanceCut, 1), pcut: f.fixed(ipa.performanceCut, 2) }))}</p>${sampleLine(ipa.sample)}
${table(
  [
    { label: '#', num: true },
    { label: t.dimension },
    { label: t.importance, num: true },
    { label: t.performance, num: true },
    { label: t.quadrant },
  ],
  ipa.attributes.map((a, i) => [
    f.int(i + 1),
    dimName(lang, a.attribute),
    f.fixed(a.importance, 1),
    f.fixed(a.performance, 2),
    {
      html: `<b style="color:${QUADRANT[a.quadrant]?.color ?? '#868e96'}">${esc(quadrantName(lang, a.quadrant))}</b>`,
    },
  ]),
)}`);
    const dr = drivers;
    sections.push(`<h2>${esc(t.drivers)}</h2>
${
  dr.outcome === null || dr.drivers.length === 0
    ? `<p>${esc(t.driversNone)}</p>`
    : `<p class="muted">${esc(fill(t.driversHelp, { outcome: dr.outcome.toUpperCase(), r2: f.pct(dr.rSquared, 0), n: f.int(dr.n) }))}</p>${sampleLine(dr.sample)}
${hbarsSvg(
  dr.drivers.map((x) => ({
    label: dimName(lang, x.attribute),
    value: x.share,
    text: f.pct(x.share, 0),
  })),
  { aria: t.drivers, max: 1 },
)}
${table(
  [
    { label: t.dimension },
    { label: t.correlation, num: true },
    { label: t.beta, num: true },
    { label: t.share, num: true },
  ],
  dr.drivers.map((x) => [
    dimName(lang, x.attribute),
    f.g(x.correlation),
    f.g(x.beta),
    f.pct(x.share, 0),
  ]),
)}`
}`);
  }

  const kanoAttrs = kano.attributes.filter((a) => a.n > 0);
  if (kanoAttrs.length > 0) {
    const all = kano.attributes.map((a, i) => ({
      ...a,
      no: i + 1,
      name: input.kanoNames.get(a.attribute) || a.attribute,
    }));
    const svg = scatterSvg({
      points: all
        .filter((a) => a.better !== null && a.worse !== null)
        .map((a) => ({
          x: Math.abs(a.worse as number),
          y: a.better as number,
          label: f.int(a.no),
          color: a.category ? KANO[a.category].color : '#868e96',
        })),
      x: [0, 1],
      y: [0, 1],
      cutX: 0.5,
      cutY: 0.5,
      xTitle: t.kanoX,
      yTitle: t.kanoY,
      tick: (v) => f.fixed(v, 2),
      aria: t.kano,
    });
    sections.push(`<h2>${esc(t.kano)}</h2>
${svg}
<p class="muted">${esc(t.kanoHelp)}</p>
${table(
  [
    { label: '#', num: true },
    { label: t.attribute },
    { label: t.category },
    { label: t.better, num: true },
    { label: t.worse, num: true },
    { label: t.n, num: true },
  ],
  all.map((a) => [
    f.int(a.no),
    { html: esc(a.name), cls: 'unit' },
    {
      html: `<b style="color:${a.category ? KANO[a.category].color : '#868e96'}">${esc(kanoCategoryName(lang, a.category))}</b>`,
    },
    f.g(a.better),
    f.g(a.worse),
    f.int(a.n),
  ]),
)}`);
  }

  const body = sections.length ? sections.join('\n') : `<p>${esc(t.noAnswers)}</p>`;
  return reportPage({
    lang,
    title: t.title,
    subject: input.surveyName,
    meta: filterRows(lang, input.filters, { survey: input.surveyName }),
    generatedAt: input.generatedAt,
    body,
  });
}
