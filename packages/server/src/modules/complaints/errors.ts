// The complaints module's error codes (es/en), registered once for every section file.
import { registerErrors } from '../../lib/errors';

registerErrors({
  COMPLAINT_BAD_TRANSITION: {
    status: 409,
    es: 'La reclamación no puede pasar a ese estado desde el actual.',
    en: 'The complaint cannot move to that state from its current one.',
  },
  COMPLAINT_OUTSIDE_UNIT: {
    status: 403,
    es: 'La reclamación pertenece a una unidad fuera de tu ámbito.',
    en: 'The complaint belongs to a unit outside your scope.',
  },
  COMPLAINT_REASON_REQUIRED: {
    status: 400,
    es: 'Indica el motivo del rechazo.',
    en: 'Give the reason for the rejection.',
  },
  COMPLAINT_CATEGORY_INVALID: {
    status: 400,
    es: 'La categoría o causa no existe o no es de ese árbol.',
    en: 'Unknown category or cause, or from the wrong tree.',
  },
  COMPLAINT_UNIT_INVALID: { status: 400, es: 'La unidad no existe.', en: 'Unknown org unit.' },
  COMPLAINT_STAFF_INVALID: {
    status: 400,
    es: 'Alguna persona indicada no pertenece a la organización.',
    en: 'Some staff member is not part of the organisation.',
  },
  COMPLAINT_CUSTOMER_INVALID: {
    status: 400,
    es: 'El cliente no existe.',
    en: 'Unknown customer.',
  },
  COMPLAINT_ASSIGNEE_INELIGIBLE: {
    status: 409,
    es: 'Esa persona no puede tramitar esta reclamación (no es agente de la unidad o está implicada).',
    en: 'That person cannot handle this complaint (not an agent of the unit, or involved).',
  },
  COMPLAINT_NO_ELIGIBLE_AGENT: {
    status: 409,
    es: 'No hay ningún agente imparcial disponible en la unidad.',
    en: 'No impartial agent is available in the unit.',
  },
  COMPLAINT_NOT_ASSIGNEE: {
    status: 403,
    es: 'Solo la persona asignada puede declarar un conflicto de interés.',
    en: 'Only the assignee can declare a conflict of interest.',
  },
  COMPLAINT_ALREADY_DECIDED: {
    status: 409,
    es: 'Ya se ha registrado la decisión del cliente.',
    en: 'The customer decision was already recorded.',
  },
  COMPLAINT_ALREADY_RATED: {
    status: 409,
    es: 'Ya se ha valorado la gestión de esta reclamación.',
    en: 'This complaint was already rated.',
  },
  COMPLAINT_MATCH_STALE: {
    status: 409,
    es: 'La sugerencia de cliente ya no es válida (el caso cambió). Recarga la página.',
    en: 'The customer suggestion is no longer valid (the case changed). Reload the page.',
  },
  COMPLAINT_NOT_RATEABLE: {
    status: 409,
    es: 'La reclamación todavía no está cerrada.',
    en: 'The complaint is not closed yet.',
  },
});
