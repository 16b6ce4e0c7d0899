// The panels module's one public surface (issue 17): panels of customers (registry or public
// sign-up with double opt-in), consent and its withdrawal, reproducible quota samples with the
// contact-fatigue rule, an incentives ledger, focus-group / interview sessions with invitations,
// reminders and RSVP by e-mail, attendance, notes and transcripts, insights linked to needs,
// service attributes and gaps, and their summaries. Other modules call only what is here.
// The code lives in service-<concern>.ts files (panels and members, sampling, sessions,
// insights, incentives), re-exported here; this file keeps the module's registrations.
import { registerErrors } from '../../lib/errors';
import { registerAuditLabels } from '../audit/service';
import * as customers from '../customers/service';
import * as repo from './repo';
import { timelineFor } from './timeline';
import { optinToken } from './tokens';

export { registerPanelJobs } from './mail';
export * from './public';
export * from './service-incentives';
export * from './service-insights';
export * from './service-panels';
export * from './service-sampling';
export * from './service-sessions';
export type { TPanelDeps } from './service-shared';

registerErrors({
  PANEL_SLUG_TAKEN: {
    status: 409,
    es: 'Ya hay otro formulario de inscripción con ese nombre.',
    en: 'Another sign-up form already uses that name.',
  },
  PANEL_AUDIENCE_INVALID: {
    status: 400,
    es: 'Elige una muestra o una lista de miembros para invitar.',
    en: 'Choose a sample or a list of members to invite.',
  },
  PANEL_SESSION_PAST: {
    status: 409,
    es: 'La sesión ya se celebró: no se pueden enviar invitaciones.',
    en: 'The session is over: invitations can no longer be sent.',
  },
  PANEL_MEMBER_NOT_INVITED: {
    status: 400,
    es: 'Esa persona no está invitada a esta sesión.',
    en: 'That member is not invited to this session.',
  },
  PANEL_MEMBER_INACTIVE: {
    status: 409,
    es: 'Esa persona retiró su consentimiento o sus datos se borraron.',
    en: 'That member withdrew consent or was erased.',
  },
  PANEL_NOTE_INVALID: {
    status: 400,
    es: 'La nota indicada no pertenece a esta sesión.',
    en: 'That note does not belong to this session.',
  },
  PANEL_NEED_UNKNOWN: {
    status: 400,
    es: 'La necesidad indicada no existe.',
    en: 'Unknown customer need.',
  },
  PANEL_ATTRIBUTE_UNKNOWN: {
    status: 400,
    es: 'El atributo de servicio indicado no existe.',
    en: 'Unknown service attribute.',
  },
  PANEL_INCENTIVE_CONFLICT: {
    status: 409,
    es: 'Ese incentivo ya se registró con otros datos.',
    en: 'That incentive was already recorded with other content.',
  },
  PANEL_TRANSCRIPT_TOO_LARGE: {
    status: 413,
    es: 'La transcripción supera el límite de 1 MB de texto. Divídela en varias partes.',
    en: 'The transcript exceeds the 1 MB text limit. Split it into several parts.',
  },
  PANEL_TRANSCRIPT_NOT_TEXT: {
    status: 415,
    es: 'La transcripción debe ser un archivo de texto (UTF-8, .txt o .vtt/.srt). Los documentos Word, PDF o audio no se aceptan.',
    en: 'The transcript must be a text file (UTF-8, .txt or .vtt/.srt). Word, PDF or audio files are not accepted.',
  },
  PANEL_TRANSCRIPT_EMPTY: {
    status: 400,
    es: 'La transcripción está vacía.',
    en: 'The transcript is empty.',
  },
});

registerAuditLabels('panel', async (db, orgId, ids) => {
  const all = await repo.listPanels(db, orgId);
  return new Map(all.filter((p) => ids.includes(p.id)).map((p) => [p.id, p.name]));
});

// GDPR erase covers panels: the person's memberships are blanked, their quotes and their name
// inside session notes anonymised, in the erase transaction.
customers.onCustomerErased('panels', async (tx, orgId, customerId) => {
  for (const id of await repo.memberIdsOfCustomer(tx, orgId, customerId)) {
    await repo.anonymiseMember(tx, orgId, id, true);
  }
});
customers.registerTimelineSource('panels', timelineFor);

export { optinToken };
