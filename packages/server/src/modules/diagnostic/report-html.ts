// The printable five-gap diagnostic (es/en) as one self-contained HTML page: no scripts, no
// external resources (CSP default-src 'none'), charts as inline SVG drawn here, every piece of
// user text through esc(). Pure: the numbers come in computed (diagnose / listActions), so the PDF
// shows what the screen shows.
import { SERVQUAL_ITEMS } from '@fidelia/contracts';
import type { TAction } from './actions';
import type { TDiagnostic, TMissing } from './evidence';
import type { TCandidate } from './ranking';

export type TLang = 'es' | 'en';

/** The SERVQUAL item's perception wording (what the promise or standard is about). */
export function itemText(k: number | string | null | undefined, lang: TLang): string {
  const it = SERVQUAL_ITEMS.find((i) => i.n === Number(k));
  return it ? it.P[lang].replace(/\.$/, '') : '';
}

const DIMS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

const T = {
  es: {
    title: 'Diagnóstico de las cinco brechas',
    unit: 'Unidad',
    allUnits: 'Toda la organización a su alcance',
    period: 'Periodo',
    allPeriod: 'Todas las respuestas',
    generated: 'Generado el',
    surveys: 'Encuestas',
    customerSurvey: 'Clientes (SERVQUAL)',
    managerSurvey: 'Directivos (predicciones)',
    causesSurvey: 'Personal (causas)',
    none: '—',
    summary: 'Resumen',
    gapN: 'Brecha {n}',
    causes: 'Causas de las brechas',
    gapName: {
      1: 'Expectativas de los clientes frente a lo que cree la dirección',
      2: 'Lo que cree la dirección frente a los estándares de servicio',
      3: 'Estándares frente al servicio prestado (auditorías y cliente misterioso)',
      4: 'Servicio prestado frente a lo prometido',
      5: 'Expectativas frente a percepciones de los clientes (SERVQUAL)',
    } as Record<number, string>,
    dimension: 'Dimensión',
    expectation: 'Expectativa',
    perception: 'Percepción',
    prediction: 'Predicción directivos',
    gap: 'Brecha',
    n: 'Respuestas',
    respondents: '{n} clientes',
    gap1Counts: '{c} clientes, {m} directivos',
    overall: 'Global',
    dims: {
      tangibles: 'Elementos tangibles',
      reliability: 'Fiabilidad',
      responsiveness: 'Capacidad de respuesta',
      assurance: 'Seguridad',
      empathy: 'Empatía',
    } as Record<string, string>,
    promise: 'Promesa',
    channel: 'Canal',
    complaints: 'Reclamaciones',
    verdict: 'Veredicto',
    kept: 'Se cumple',
    notKept: 'No se cumple',
    channels: {
      advertising: 'Publicidad',
      website: 'Web',
      contract: 'Contrato',
      script: 'Guion de atención',
      staff: 'Personal',
      other: 'Otro',
    } as Record<string, string>,
    factor: 'Factor',
    mean: 'Media (1–7)',
    ci: 'Intervalo del 95 %',
    weakest: 'Factor más débil',
    candidates: 'Acciones propuestas, por prioridad',
    priority: 'Prioridad',
    tracked: 'Acciones en curso y cerradas',
    owner: 'Responsable',
    due: 'Vence',
    status: 'Estado',
    statusNames: {
      open: 'Abierta',
      in_progress: 'En curso',
      done: 'Hecha',
      dropped: 'Descartada',
    } as Record<string, string>,
    afterGap: 'Brecha 5 después',
    noCandidates: 'Ninguna brecha muestra hallazgos con evidencia suficiente.',
    noActions: 'Todavía no hay acciones aceptadas.',
    standard: 'Estándar',
    compliance: 'Cumplimiento',
    finding: 'Hallazgo',
    findings: '{n} hallazgos',
    reason: {
      no_standard: 'Importante para los clientes y sin estándar',
      weak_standard: 'Importante y con un estándar débil',
      target_below_expectation: 'Objetivo por debajo de la expectativa declarada',
    } as Record<string, string>,
    missing: {
      no_customer_survey:
        'No hay encuesta SERVQUAL de clientes publicada: cree una con la plantilla «SERVQUAL completo».',
      no_servqual_answers:
        'La encuesta SERVQUAL no tiene respuestas de esta unidad en este periodo: recoja respuestas de clientes.',
      no_manager_survey:
        'No hay encuesta de predicciones de directivos: cree una con la plantilla «Expectativas previstas por directivos».',
      no_manager_answers:
        'Los directivos de esta unidad no han respondido en este periodo la encuesta de predicciones.',
      no_causes_survey:
        'No hay cuestionario de causas: cree uno con la plantilla «Causas de las brechas».',
      no_causes_answers:
        'El personal de esta unidad no ha respondido el cuestionario de causas en este periodo.',
      no_standards: 'No hay estándares de servicio escritos: defínalos en Estándares.',
      no_important_items:
        'Aún no se sabe qué ítems consideran importantes los clientes (reparto de 100 puntos o importancia).',
      no_audits:
        'No hay auditorías ni visitas de cliente misterioso de esta unidad en este periodo: planifique visitas.',
      no_promises:
        'No hay promesas registradas: anote lo que prometen la publicidad, la web, los contratos y el personal.',
      no_after_sales_attributes:
        'El catálogo no tiene atributos de posventa (información de uso, repuestos, asistencia técnica): cárguelos en Estándares → Atributos.',
      module_unavailable: 'Esta instalación todavía no tiene el módulo que aporta esta evidencia.',
    } as Record<TMissing, string>,
    afterSales: {
      title: 'Posventa: información de uso, repuestos y asistencia técnica',
      attribute: 'Atributo',
      standards: 'Estándares (brecha 2) y auditorías (brecha 3)',
      promises: 'Promesas (brecha 4)',
      complaints: 'Reclamaciones',
      customers: 'Clientes (brecha 5, Kano)',
      insights: 'Paneles',
      notAudited: 'sin auditar',
      item: 'ítem {k}: P − E {gap}',
      kano: 'Kano {cat} (n = {n})',
      quotes: '{n} citas',
      none: '—',
      missing: {
        no_standard: 'Sin estándar que lo mida: escríbalo en Estándares.',
        no_audit:
          'Sus estándares no se han auditado en este periodo: inclúyalos en una lista de comprobación.',
        no_customer_measure:
          'Ninguna encuesta lo mide: enlácelo a ítems SERVQUAL o pregunte por él con una pregunta Kano de la misma clave.',
      } as Record<string, string>,
    },
    cand: {
      gap5: 'Brecha 5 en {dim}{at}: percepción {gap} por debajo de la expectativa ({k} de {m} ítems con intervalo bajo cero)',
      gap1: 'Brecha 1 en {dim}{at}: los directivos se desvían {gap} de lo que esperan los clientes ({k} de {m} ítems)',
      gap2: 'Brecha 2 en {dim}{at}: {u} ítems importantes sin estándar sólido, {b} objetivos por debajo de la expectativa',
      gap3: 'Brecha 3 en {dim}{at}: {k} estándares incumplidos en auditorías (cumplimiento {pct})',
      gap4: 'Brecha 4{at}: no se cumple la promesa «{promise}» ({k} reclamaciones)',
      cause: 'Causa de la brecha {n}{at}: «{factor}» baja ({mean} sobre 7)',
      withCause: '; «{factor}» baja ({mean})',
      at: ' en {unit}',
    },
    factors: {
      marketing_research_orientation: 'Orientación a la investigación de mercados',
      upward_communication: 'Comunicación ascendente',
      levels_of_management: 'Niveles jerárquicos',
      management_commitment: 'Compromiso de la dirección con la calidad',
      goal_setting: 'Fijación de objetivos',
      task_standardization: 'Estandarización de tareas',
      perception_of_feasibility: 'Percepción de viabilidad',
      teamwork: 'Trabajo en equipo',
      employee_job_fit: 'Ajuste empleado-puesto',
      technology_job_fit: 'Ajuste tecnología-puesto',
      perceived_control: 'Control percibido',
      supervisory_control_systems: 'Sistemas de supervisión',
      role_conflict: 'Conflicto de rol',
      role_ambiguity: 'Ambigüedad de rol',
      horizontal_communication: 'Comunicación horizontal',
      propensity_to_overpromise: 'Tendencia a prometer de más',
    } as Record<string, string>,
  },
  en: {
    title: 'Five-gap diagnostic',
    unit: 'Unit',
    allUnits: 'The whole organisation in your scope',
    period: 'Period',
    allPeriod: 'All responses',
    generated: 'Generated on',
    surveys: 'Surveys',
    customerSurvey: 'Customers (SERVQUAL)',
    managerSurvey: 'Managers (predictions)',
    causesSurvey: 'Staff (causes)',
    none: '—',
    summary: 'Summary',
    gapN: 'Gap {n}',
    causes: 'Causes of the gaps',
    gapName: {
      1: "Customers' expectations vs what management believes",
      2: "Management's beliefs vs service standards",
      3: 'Standards vs service delivered (audits and mystery shopping)',
      4: 'Service delivered vs what is promised',
      5: "Customers' expectations vs perceptions (SERVQUAL)",
    } as Record<number, string>,
    dimension: 'Dimension',
    expectation: 'Expectation',
    perception: 'Perception',
    prediction: "Managers' prediction",
    gap: 'Gap',
    n: 'Responses',
    respondents: '{n} customers',
    gap1Counts: '{c} customers, {m} managers',
    overall: 'Overall',
    dims: {
      tangibles: 'Tangibles',
      reliability: 'Reliability',
      responsiveness: 'Responsiveness',
      assurance: 'Assurance',
      empathy: 'Empathy',
    } as Record<string, string>,
    promise: 'Promise',
    channel: 'Channel',
    complaints: 'Complaints',
    verdict: 'Verdict',
    kept: 'Kept',
    notKept: 'Not kept',
    channels: {
      advertising: 'Advertising',
      website: 'Website',
      contract: 'Contract',
      script: 'Service script',
      staff: 'Staff',
      other: 'Other',
    } as Record<string, string>,
    factor: 'Factor',
    mean: 'Mean (1–7)',
    ci: '95 % interval',
    weakest: 'Weakest factor',
    candidates: 'Proposed actions, by priority',
    priority: 'Priority',
    tracked: 'Actions in progress and closed',
    owner: 'Owner',
    due: 'Due',
    status: 'Status',
    statusNames: {
      open: 'Open',
      in_progress: 'In progress',
      done: 'Done',
      dropped: 'Dropped',
    } as Record<string, string>,
    afterGap: 'Gap 5 afterwards',
    noCandidates: 'No gap shows findings with enough evidence.',
    noActions: 'No actions accepted yet.',
    standard: 'Standard',
    compliance: 'Compliance',
    finding: 'Finding',
    findings: '{n} findings',
    reason: {
      no_standard: 'Important to customers, no standard',
      weak_standard: 'Important, weak standard',
      target_below_expectation: 'Target below the stated expectation',
    } as Record<string, string>,
    missing: {
      no_customer_survey:
        "No published customer SERVQUAL survey: create one from the 'Full SERVQUAL' template.",
      no_servqual_answers:
        'The SERVQUAL survey has no answers for this unit in this period: collect customer responses.',
      no_manager_survey:
        "No manager predictions survey: create one from the 'Managers' predicted expectations' template.",
      no_manager_answers:
        "This unit's managers have not answered the predictions survey in this period.",
      no_causes_survey:
        "No gap-causes questionnaire: create one from the 'Causes of the gaps' template.",
      no_causes_answers:
        "This unit's staff have not answered the gap-causes questionnaire in this period.",
      no_standards: 'No written service standards: define them under Standards.',
      no_important_items:
        'It is not yet known which items customers rate important (100-point split or importance).',
      no_audits: 'No audits or mystery-shopping visits of this unit in this period: plan visits.',
      no_promises:
        'No promises recorded: write down what advertising, the website, contracts and staff promise.',
      no_after_sales_attributes:
        'The catalogue has no after-sales attributes (usage information, spare parts, technical assistance): load them in Standards → Attributes.',
      module_unavailable:
        'This installation does not have the module that provides this evidence yet.',
    } as Record<TMissing, string>,
    afterSales: {
      title: 'After-sales: usage information, spare parts and technical assistance',
      attribute: 'Attribute',
      standards: 'Standards (gap 2) and audits (gap 3)',
      promises: 'Promises (gap 4)',
      complaints: 'Complaints',
      customers: 'Customers (gap 5, Kano)',
      insights: 'Panels',
      notAudited: 'not audited',
      item: 'item {k}: P − E {gap}',
      kano: 'Kano {cat} (n = {n})',
      quotes: '{n} quotes',
      none: '—',
      missing: {
        no_standard: 'No standard measures it: write one in Standards.',
        no_audit: 'Its standards were not audited in this period: add them to a checklist.',
        no_customer_measure:
          'No survey measures it: link it to SERVQUAL items or ask about it with a Kano question of the same key.',
      } as Record<string, string>,
    },
    cand: {
      gap5: 'Gap 5 on {dim}{at}: perception {gap} below expectation ({k} of {m} items with the interval below zero)',
      gap1: 'Gap 1 on {dim}{at}: managers are {gap} off what customers expect ({k} of {m} items)',
      gap2: 'Gap 2 on {dim}{at}: {u} important items without a strong standard, {b} targets below the expectation',
      gap3: 'Gap 3 on {dim}{at}: {k} standards failing in audits (compliance {pct})',
      gap4: "Gap 4{at}: promise '{promise}' not kept ({k} complaints)",
      cause: "Cause of gap {n}{at}: '{factor}' low ({mean} out of 7)",
      withCause: "; '{factor}' low ({mean})",
      at: ' at {unit}',
    },
    factors: {
      marketing_research_orientation: 'Marketing research orientation',
      upward_communication: 'Upward communication',
      levels_of_management: 'Levels of management',
      management_commitment: 'Management commitment to service quality',
      goal_setting: 'Goal setting',
      task_standardization: 'Task standardisation',
      perception_of_feasibility: 'Perception of feasibility',
      teamwork: 'Teamwork',
      employee_job_fit: 'Employee–job fit',
      technology_job_fit: 'Technology–job fit',
      perceived_control: 'Perceived control',
      supervisory_control_systems: 'Supervisory control systems',
      role_conflict: 'Role conflict',
      role_ambiguity: 'Role ambiguity',
      horizontal_communication: 'Horizontal communication',
      propensity_to_overpromise: 'Propensity to overpromise',
    } as Record<string, string>,
  },
};

export function esc(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const fill = (s: string, v: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

export function numberFormat(lang: TLang) {
  const loc = lang === 'es' ? 'es-ES' : 'en-GB';
  const f2 = new Intl.NumberFormat(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    n2: (x: number | null | undefined) => (x === null || x === undefined ? '—' : f2.format(x)),
    pct: (x: number | null | undefined) => (x === null || x === undefined ? '—' : pct.format(x)),
    date: (d: string | Date) =>
      date.format(typeof d === 'string' ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : d),
  };
}

/** The candidate's sentence (the screen writes the same through its i18n). */
export function candidateTitle(c: TCandidate, lang: TLang, unitName: string | null): string {
  const t = T[lang];
  const f = numberFormat(lang);
  const at = unitName ? fill(t.cand.at, { unit: unitName }) : '';
  const dim = c.dimension ? (t.dims[c.dimension] ?? c.dimension) : '';
  const g = c.figures;
  let s: string;
  switch (c.kind) {
    case 'gap5':
      s = fill(t.cand.gap5, {
        dim,
        at,
        gap: f.n2(Math.abs(Number(g.gap))),
        k: Number(g.itemsBelow),
        m: Number(g.items),
      });
      break;
    case 'gap1':
      s = fill(t.cand.gap1, {
        dim,
        at,
        gap: f.n2(Math.abs(Number(g.gap))),
        k: Number(g.itemsOff),
        m: Number(g.items),
      });
      break;
    case 'gap2':
      s = fill(t.cand.gap2, { dim, at, u: Number(g.uncovered), b: Number(g.below) });
      break;
    case 'gap3':
      s = fill(t.cand.gap3, { dim, at, k: Number(g.failing), pct: f.pct(Number(g.compliance)) });
      break;
    case 'gap4':
      s = fill(t.cand.gap4, { at, promise: String(g.promise ?? ''), k: Number(g.complaints) });
      break;
    default:
      s = fill(t.cand.cause, {
        n: c.gap,
        at,
        factor: t.factors[String(g.factor)] ?? '',
        mean: f.n2(Number(g.mean)),
      });
  }
  if (c.cause)
    s += fill(t.cand.withCause, {
      factor: t.factors[c.cause.factor] ?? '',
      mean: f.n2(c.cause.mean),
    });
  return s;
}

/** Horizontal bars of gaps per dimension (negative to the left), one colour per series. */
function barsSvg(
  lang: TLang,
  series: { label: string; color: string; values: (number | null)[] }[],
): string {
  const t = T[lang];
  const f = numberFormat(lang);
  const rowH = 14 * series.length + 10;
  const w = 640;
  const left = 190;
  const mid = left + (w - left - 20) / 2;
  const scale = (w - left - 20) / 2 / 3; // ±3 scale points
  const h = rowH * DIMS.length + 30;
  const parts: string[] = [];
  parts.push(
    `<line x1="${mid}" y1="0" x2="${mid}" y2="${h - 24}" stroke="#555" stroke-width="1"/>`,
  );
  DIMS.forEach((d, i) => {
    const y = i * rowH + 4;
    parts.push(`<text x="0" y="${y + rowH / 2}" font-size="11">${esc(t.dims[d])}</text>`);
    series.forEach((s, j) => {
      const v = s.values[i];
      if (v === null || v === undefined) return;
      const len = Math.min(Math.abs(v), 3) * scale;
      const x = v < 0 ? mid - len : mid;
      const yy = y + j * 14;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${yy}" width="${len.toFixed(1)}" height="11" fill="${s.color}"/>`,
      );
      const tx = v < 0 ? x - 4 : x + len + 4;
      parts.push(
        `<text x="${tx.toFixed(1)}" y="${yy + 9}" font-size="9" text-anchor="${v < 0 ? 'end' : 'start'}">${esc(f.n2(v))}</text>`,
      );
    });
  });
  series.forEach((s, j) => {
    const x = left + j * 200;
    parts.push(`<rect x="${x}" y="${h - 14}" width="10" height="10" fill="${s.color}"/>`);
    parts.push(`<text x="${x + 14}" y="${h - 5}" font-size="10">${esc(s.label)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">${parts.join('')}</svg>`;
}

export interface TReportInput {
  lang: TLang;
  d: TDiagnostic;
  actions: TAction[];
  generatedAt: Date;
}

export function diagnosticHtml({ lang, d, actions, generatedAt }: TReportInput): string {
  const t = T[lang];
  const f = numberFormat(lang);
  const unitName = d.unit?.name ?? null;
  const miss = (e: { status: string; missing?: TMissing }) =>
    e.status === 'missing' ? `<p class="missing">${esc(t.missing[e.missing as TMissing])}</p>` : '';
  const period =
    d.period.from || d.period.to
      ? `${d.period.from ? f.date(d.period.from) : '…'} – ${d.period.to ? f.date(d.period.to) : '…'}`
      : t.allPeriod;
  const out: string[] = [];
  out.push(`<h1>${esc(t.title)}</h1>`);
  out.push(
    `<table class="meta"><tr><th>${esc(t.unit)}</th><td>${esc(unitName ?? t.allUnits)}</td></tr>` +
      `<tr><th>${esc(t.period)}</th><td>${esc(period)}</td></tr>` +
      `<tr><th>${esc(t.customerSurvey)}</th><td>${esc(d.surveys.customer?.name ?? t.none)}</td></tr>` +
      `<tr><th>${esc(t.managerSurvey)}</th><td>${esc(d.surveys.manager?.name ?? t.none)}</td></tr>` +
      `<tr><th>${esc(t.causesSurvey)}</th><td>${esc(d.surveys.causes?.name ?? t.none)}</td></tr>` +
      `<tr><th>${esc(t.generated)}</th><td>${esc(f.date(generatedAt))}</td></tr></table>`,
  );

  // Summary of the five gaps
  const headline = (n: number): string => {
    if (n === 5)
      return d.gap5.status === 'ok'
        ? `${f.n2(d.gap5.data.overall.gap)} · ${fill(t.respondents, { n: d.gap5.data.n })}`
        : t.missing[d.gap5.missing];
    if (n === 1)
      return d.gap1.status === 'ok'
        ? `${f.n2(d.gap1.data.overall.gap)} · ${fill(t.gap1Counts, { c: d.gap1.data.customers, m: d.gap1.data.managers })}`
        : t.missing[d.gap1.missing];
    if (n === 2)
      return d.gap2.status === 'ok' ? `${d.gap2.data.findings.length}` : t.missing[d.gap2.missing];
    if (n === 3)
      return d.gap3.status === 'ok'
        ? d.gap3.data.dimensions
            .map((x) => `${t.dims[x.dimension]} ${f.pct(x.compliance)}`)
            .join(' · ')
        : t.missing[d.gap3.missing];
    return d.gap4.status === 'ok'
      ? `${d.gap4.data.promises.filter((p) => p.notKept).length} / ${d.gap4.data.promises.length} ${t.notKept.toLowerCase()}`
      : t.missing[d.gap4.missing];
  };
  out.push(`<h2>${esc(t.summary)}</h2><table><tbody>`);
  for (const n of [1, 2, 3, 4, 5])
    out.push(
      `<tr><th>${esc(fill(t.gapN, { n }))}</th><td>${esc(t.gapName[n])}</td><td>${esc(headline(n))}</td></tr>`,
    );
  out.push('</tbody></table>');

  // Gap 5 and gap 1 chart
  out.push(`<h2>${esc(fill(t.gapN, { n: 5 }))} · ${esc(fill(t.gapN, { n: 1 }))}</h2>`);
  const g5 = d.gap5.status === 'ok' ? d.gap5.data : null;
  const g1 = d.gap1.status === 'ok' ? d.gap1.data : null;
  if (g5 || g1) {
    out.push(
      barsSvg(lang, [
        ...(g5
          ? [
              {
                label: `${fill(t.gapN, { n: 5 })} (P − E)`,
                color: '#c0392b',
                values: DIMS.map((x) => g5.dimensions.find((y) => y.dimension === x)?.gap ?? null),
              },
            ]
          : []),
        ...(g1
          ? [
              {
                label: `${fill(t.gapN, { n: 1 })} (M − E)`,
                color: '#2c6fbb',
                values: DIMS.map((x) => g1.dimensions.find((y) => y.dimension === x)?.gap ?? null),
              },
            ]
          : []),
      ]),
    );
    out.push(
      `<table><thead><tr><th>${esc(t.dimension)}</th><th>${esc(t.expectation)}</th><th>${esc(t.perception)}</th><th>${esc(fill(t.gapN, { n: 5 }))}</th><th>${esc(t.prediction)}</th><th>${esc(fill(t.gapN, { n: 1 }))}</th></tr></thead><tbody>`,
    );
    for (const x of DIMS) {
      const a = g5?.dimensions.find((y) => y.dimension === x);
      const b = g1?.dimensions.find((y) => y.dimension === x);
      out.push(
        `<tr><td>${esc(t.dims[x])}</td><td>${f.n2(a?.expectation ?? b?.expectation)}</td><td>${f.n2(a?.perception)}</td><td>${f.n2(a?.gap)}</td><td>${f.n2(b?.prediction)}</td><td>${f.n2(b?.gap)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push(miss(d.gap5), miss(d.gap1));

  // Gap 2
  out.push(`<h2>${esc(fill(t.gapN, { n: 2 }))}: ${esc(t.gapName[2])}</h2>`, miss(d.gap2));
  if (d.gap2.status === 'ok') {
    out.push(
      `<table><thead><tr><th>${esc(t.finding)}</th><th>${esc(t.dimension)}</th></tr></thead><tbody>`,
    );
    for (const x of d.gap2.data.findings)
      out.push(
        `<tr><td>«${esc(itemText(x.item, lang))}»: ${esc(t.reason[x.reason] ?? '')}${x.standard ? ` (${esc(x.standard.code)})` : ''}</td><td>${esc(x.dimension ? t.dims[x.dimension] : '')}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  // Gap 3
  out.push(`<h2>${esc(fill(t.gapN, { n: 3 }))}: ${esc(t.gapName[3])}</h2>`, miss(d.gap3));
  if (d.gap3.status === 'ok') {
    out.push(
      `<table><thead><tr><th>${esc(t.standard)}</th><th>${esc(t.dimension)}</th><th>${esc(t.n)}</th><th>${esc(t.compliance)}</th></tr></thead><tbody>`,
    );
    for (const x of d.gap3.data.standards)
      out.push(
        `<tr><td>${esc(x.code)} ${esc(x.name)}</td><td>${esc(x.dimension ? t.dims[x.dimension] : '')}</td><td>${x.n}</td><td>${f.pct(x.compliance)}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  // Gap 4
  out.push(`<h2>${esc(fill(t.gapN, { n: 4 }))}: ${esc(t.gapName[4])}</h2>`, miss(d.gap4));
  if (d.gap4.status === 'ok') {
    out.push(
      `<table><thead><tr><th>${esc(t.promise)}</th><th>${esc(t.channel)}</th><th>${esc(t.perception)}</th><th>${esc(t.gap)}</th><th>${esc(t.complaints)}</th><th>${esc(t.verdict)}</th></tr></thead><tbody>`,
    );
    for (const p of d.gap4.data.promises)
      out.push(
        `<tr><td>${esc(p.text)}</td><td>${esc(t.channels[p.channel] ?? '')}</td><td>${f.n2(p.perception)}</td><td>${f.n2(p.worstGap)}</td><td>${p.complaints}</td><td class="${p.notKept ? 'bad' : 'ok'}">${esc(p.notKept ? t.notKept : t.kept)}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  // After-sales: each attribute's evidence across the gaps
  out.push(`<h2>${esc(t.afterSales.title)}</h2>`, miss(d.afterSales));
  if (d.afterSales.status === 'ok') {
    const a = t.afterSales;
    out.push(
      `<table><thead><tr><th>${esc(a.attribute)}</th><th>${esc(a.standards)}</th><th>${esc(a.promises)}</th><th>${esc(a.complaints)}</th><th>${esc(a.customers)}</th><th>${esc(a.insights)}</th></tr></thead><tbody>`,
    );
    for (const x of d.afterSales.data.attributes) {
      const stds = x.standards.length
        ? x.standards
            .map(
              (s) =>
                `${esc(s.code)} ${esc(s.name[lang])}: ${s.n > 0 ? `<span class="${s.failing ? 'bad' : ''}">${f.pct(s.compliance)}</span> (n = ${s.n})` : esc(a.notAudited)}`,
            )
            .join('<br>')
        : esc(a.none);
      const proms = x.promises.length
        ? x.promises
            .map(
              (p) =>
                `«${esc(p.text)}» <span class="${p.notKept ? 'bad' : ''}">${esc(p.notKept ? t.notKept : t.kept)}</span>`,
            )
            .join('<br>')
        : esc(a.none);
      const cust = [
        ...x.perception
          .filter((p) => p.gap !== null)
          .map((p) => esc(fill(a.item, { k: p.item, gap: f.n2(p.gap) }))),
        ...(x.kano ? [esc(fill(a.kano, { cat: x.kano.category ?? '—', n: x.kano.n }))] : []),
      ];
      const miss2 = x.missing
        .map((m) => `<p class="missing">${esc(a.missing[m.code] ?? '')}</p>`)
        .join('');
      out.push(
        `<tr><td><b>${esc(x.name[lang])}</b>${miss2}</td><td>${stds}</td><td>${proms}</td><td>${x.complaints}</td><td>${cust.length ? cust.join('<br>') : esc(a.none)}</td><td>${x.insights.count ? esc(fill(a.quotes, { n: x.insights.count })) : esc(a.none)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  // Causes
  out.push(`<h2>${esc(t.causes)}</h2>`, miss(d.causes));
  if (d.causes.status === 'ok') {
    out.push(
      `<table><thead><tr><th>${esc(t.factor)}</th><th>${esc(t.gap)}</th><th>${esc(t.mean)}</th><th>${esc(t.ci)}</th><th>${esc(t.n)}</th></tr></thead><tbody>`,
    );
    for (const x of d.causes.data.factors)
      out.push(
        `<tr><td>${esc(t.factors[x.factor])}</td><td>${x.gap}</td><td class="${x.mean !== null && x.mean < 4 ? 'bad' : ''}">${f.n2(x.mean)}</td><td>${x.ci95 ? `${f.n2(x.ci95[0])} – ${f.n2(x.ci95[1])}` : '—'}</td><td>${x.n}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  // Actions
  out.push(`<h2>${esc(t.candidates)}</h2>`);
  if (d.candidates.length === 0) out.push(`<p>${esc(t.noCandidates)}</p>`);
  else {
    out.push(`<ol class="cands">`);
    for (const c of d.candidates.slice(0, 12))
      out.push(
        `<li>${esc(candidateTitle(c, lang, unitName))} <span class="score">${esc(t.priority)} ${f.n2(c.score)}</span></li>`,
      );
    out.push('</ol>');
  }
  out.push(`<h2>${esc(t.tracked)}</h2>`);
  if (actions.length === 0) out.push(`<p>${esc(t.noActions)}</p>`);
  else {
    out.push(
      `<table><thead><tr><th>${esc(t.finding)}</th><th>${esc(t.owner)}</th><th>${esc(t.due)}</th><th>${esc(t.status)}</th><th>${esc(t.afterGap)}</th></tr></thead><tbody>`,
    );
    for (const a of actions)
      out.push(
        `<tr><td>${esc(a.title)}</td><td>${esc(a.ownerName ?? '—')}</td><td>${a.dueOn ? esc(f.date(a.dueOn)) : '—'}</td><td>${esc(t.statusNames[a.status] ?? '')}</td><td>${a.after ? `${f.n2(a.baselineGap)} → ${f.n2(a.after.gap)}` : '—'}</td></tr>`,
      );
    out.push('</tbody></table>');
  }
  const css = `body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11px;color:#222;margin:24px}
h1{font-size:20px;margin:0 0 8px}h2{font-size:14px;margin:18px 0 6px;border-bottom:1px solid #ccc;page-break-after:avoid}
table{border-collapse:collapse;width:100%;margin:4px 0;page-break-inside:auto}th,td{border:1px solid #ddd;padding:3px 5px;text-align:left;vertical-align:top}tbody th{white-space:nowrap}td.bad,td.ok{white-space:nowrap}
thead th{background:#f2f2f2}.meta th{width:30%;background:#fafafa}.missing{color:#8a5a00;background:#fff6e0;padding:6px;border-left:3px solid #e0a800}
.bad{color:#b00020;font-weight:bold}.cands li{margin:3px 0}.score{color:#666;font-size:10px}svg{margin:6px 0}tr{page-break-inside:avoid}
@page{size:A4;margin:14mm}`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(t.title)}</title><style>${css}</style></head><body>${out.join('\n')}</body></html>`;
}
