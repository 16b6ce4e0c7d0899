// Survey rules, the module's one public surface: other modules use surveys only through this
// file (createPersonalLink, responsesLong, ...). The rules live by section in sibling files
// re-exported here: manage.ts (surveys, definitions, versions, templates), public.ts (the
// respondent's public and personal links), staff-entry.ts, results.ts (responses, webhook
// payload, analytics reads); slug-cache.ts is the public link's one-second cache.
import type { Sql } from '../../db/client';
import { registerErrors } from '../../lib/errors';
import { registerAuditLabels } from '../audit/service';
import * as customers from '../customers/service';
import { getOrgSettings } from './channels';
import * as repo from './repo';
import { timelineFor } from './timeline';

export {
  createSurvey,
  ensureSurveyFromTemplate,
  exportDefinition,
  findSurveyBySlug,
  getDefinition,
  getSurvey,
  getVersion,
  importSurvey,
  listSurveys,
  patchSurvey,
  publish,
  saveDefinition,
  templates,
} from './manage';
export {
  pickSurveyLanguage,
  publicByToken,
  publicSurvey,
  resumePublic,
  submitByToken,
  submitPublic,
} from './public';
export {
  drillAnswers,
  drillCount,
  drillPage,
  type TDrillFilter,
  type TDrillMatch,
  type TDrillRow,
} from './repo-drill';
export {
  analyticsAnswerSums,
  analyticsData,
  getResponse,
  listResponses,
  responsePayload,
  responsesLong,
} from './results';
export { staffBatch, staffEntry } from './staff-entry';
export { createPersonalLink } from './tokens';
export { timelineFor };

customers.registerTimelineSource('surveys', timelineFor);
customers.onCustomerErased('surveys', repo.eraseCustomerAnswers);
/** Survey names by id (audit log labels, other modules' screens such as the timeline). */
export async function surveyNames(db: Sql, orgId: string, ids: string[]) {
  const rows = await repo.surveyNameRows(db, orgId, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
}
registerAuditLabels('survey', surveyNames);

/**
 * The org's contact-fatigue window in days (0 = off; PUT /api/survey-settings): the one window
 * every module that contacts customers for research applies (the panels' sampling too). The
 * contact log behind it is published as pub_survey_contacts (migration 250).
 */
export async function contactFatigueDays(db: Sql, orgId: string): Promise<number> {
  return (await getOrgSettings(db, orgId)).fatigueDays;
}

registerErrors({
  SURVEY_SLUG_TAKEN: {
    status: 409,
    es: 'Ese enlace público ya está en uso.',
    en: 'That public link is already taken.',
  },
  SURVEY_NOT_PUBLISHED: {
    status: 409,
    es: 'Publica la encuesta antes de abrirla.',
    en: 'Publish the survey before opening it.',
  },
  SURVEY_CUSTOMER_INVALID: {
    status: 400,
    es: 'El cliente no existe o está fuera de tu ámbito.',
    en: 'Unknown customer or outside your scope.',
  },
});
