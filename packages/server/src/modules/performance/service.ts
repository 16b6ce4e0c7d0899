// The performance module's one public surface (issue 15): scorecards per unit and staff member
// (scorecard.ts), compliments, recognition rules, nominations, awards and the monthly board
// (recognition.ts). Other modules import only from this file.

import type { Sql } from '../../db/client';
import { registerJob } from '../../jobs/queue';
import { registerErrors } from '../../lib/errors';
import { RECOGNITION_JOB, runMonthlyJob } from './recognition';

registerErrors({
  PERFORMANCE_RANGE_INVALID: {
    status: 400,
    es: 'El periodo no es válido (la fecha inicial es posterior a la final o abarca más de 36 meses).',
    en: 'Invalid period (the start is after the end, or it spans more than 36 months).',
  },
  PERFORMANCE_UNIT_NOT_FOUND: {
    status: 404,
    es: 'La unidad no existe o está fuera de su ámbito.',
    en: 'Unknown org unit, or outside your scope.',
  },
  PERFORMANCE_USER_NOT_FOUND: {
    status: 404,
    es: 'La persona no existe en esta organización.',
    en: 'No such staff member in this organisation.',
  },
  PERFORMANCE_FORBIDDEN: {
    status: 403,
    es: 'Solo puede ver su propio cuadro de mando.',
    en: 'You may only see your own scorecard.',
  },
  PERFORMANCE_ID_REUSED: {
    status: 409,
    es: 'Ese identificador ya se usó con otro contenido.',
    en: 'That id was already used with different content.',
  },
  PERFORMANCE_COMPLIMENT_TARGET: {
    status: 400,
    es: 'Indique la persona o la unidad a la que va dirigido el elogio.',
    en: 'Say which staff member or unit the compliment is for.',
  },
  PERFORMANCE_DATE_FUTURE: {
    status: 400,
    es: 'La fecha no puede ser futura.',
    en: 'The date cannot be in the future.',
  },
  PERFORMANCE_RULE_EMPTY: {
    status: 400,
    es: 'La regla debe otorgar una insignia o puntos.',
    en: 'The rule must award a badge or points.',
  },
  PERFORMANCE_RULE_THRESHOLD: {
    status: 400,
    es: 'El umbral está fuera del rango de la métrica.',
    en: "The threshold is outside the metric's range.",
  },
  PERFORMANCE_SELF_NOMINATION: {
    status: 400,
    es: 'No puede proponerse a sí mismo.',
    en: 'You cannot nominate yourself.',
  },
  PERFORMANCE_OWN_NOMINATION: {
    status: 403,
    es: 'Otra persona debe decidir sobre su propuesta.',
    en: 'Someone else must decide on your nomination.',
  },
  PERFORMANCE_NOMINATION_DECIDED: {
    status: 409,
    es: 'La propuesta ya se decidió.',
    en: 'The nomination was already decided.',
  },
});

export function registerRecognitionJob(db: Sql): void {
  registerJob(RECOGNITION_JOB, async (payload, ctx) => runMonthlyJob(db, ctx.orgId, payload));
}

export {
  addCompliment,
  board,
  createRule,
  decideNomination,
  ensureMonthlyJob,
  evaluate,
  harvestSurveyCompliments,
  ledger,
  listCompliments,
  listNominations,
  listRules,
  MIN_SAMPLE,
  nominate,
  RECOGNITION_JOB,
  staffDirectory,
  updateRule,
} from './recognition';
export { scorecard, staffOptionValue, type TScorecard } from './scorecard';
