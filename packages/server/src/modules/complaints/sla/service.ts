// Complaint SLAs: calendars and policies (config), recomputation of each case's targets from its
// timeline, the timer jobs that warn before and escalate on breach, status and compliance.
//
// Used by others: registerSla(deps) once (routes plugin) hooks every case change
// (onComplaintChange of ../service) and registers the timer and recompute jobs;
// slaStatus(db, orgId, caseId) and complianceReport(db, orgId, q) for pages and reports.
// The parts: service-org.ts (org context), service-recompute.ts, service-status.ts (status,
// badges, compliance) and service-config.ts (calendars, policies, lists), re-exported here.
import { registerErrors } from '../../../lib/errors';

registerErrors({
  SLA_CALENDAR_INVALID: {
    status: 400,
    es: 'El calendario no es válido (zona horaria, tramos horarios o festivos).',
    en: 'Invalid calendar (time zone, working intervals or holidays).',
  },
  SLA_CATEGORY_INVALID: {
    status: 400,
    es: 'La categoría no existe.',
    en: 'Unknown category.',
  },
  SLA_UNIT_INVALID: { status: 404, es: 'La unidad no existe.', en: 'Unknown org unit.' },
  SLA_CALENDAR_NOT_FOUND: {
    status: 404,
    es: 'El calendario no existe.',
    en: 'Unknown calendar.',
  },
  SLA_RECOMPUTE_NOT_FOUND: {
    status: 404,
    es: 'El recálculo no existe.',
    en: 'Unknown recomputation.',
  },
  SLA_POLICY_NOT_FOUND: { status: 404, es: 'La política no existe.', en: 'Unknown policy.' },
  SLA_POLICY_TARGETS: {
    status: 400,
    es: 'El plazo de resolución no puede ser menor que el de primera respuesta.',
    en: 'The resolution target cannot be shorter than the first-response target.',
  },
});

export * from './service-config';
export * from './service-org';
export * from './service-recompute';
export * from './service-status';
