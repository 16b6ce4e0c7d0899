// Error codes of the diagnostic module (es/en).
import { registerErrors } from '../../lib/errors';

registerErrors({
  DIAGNOSTIC_PROMISE_NOT_FOUND: {
    status: 404,
    es: 'La promesa no existe.',
    en: 'Unknown promise.',
  },
  DIAGNOSTIC_ACTION_NOT_FOUND: {
    status: 404,
    es: 'La acción no existe.',
    en: 'Unknown action.',
  },
  DIAGNOSTIC_ID_REUSED: {
    status: 409,
    es: 'Ese identificador ya se usó para otros datos.',
    en: 'That id was already used for different data.',
  },
  DIAGNOSTIC_OWNER_INVALID: {
    status: 400,
    es: 'La persona responsable no es un usuario de la organización.',
    en: 'The owner is not a user of the organisation.',
  },
  DIAGNOSTIC_UNIT_INVALID: {
    status: 404,
    es: 'La unidad no existe o está fuera de su ámbito.',
    en: 'Unknown org unit, or outside your scope.',
  },
  DIAGNOSTIC_DATES_INVALID: {
    status: 400,
    es: 'La fecha de fin es anterior a la de inicio.',
    en: 'The end date is before the start date.',
  },
  DIAGNOSTIC_SURVEY_KIND: {
    status: 400,
    es: 'Esa encuesta no sirve para esta brecha (elija una hecha con la plantilla indicada).',
    en: 'That survey does not fit this gap (pick one made from the template named).',
  },
  DIAGNOSTIC_COMPLAINT_INVALID: {
    status: 404,
    es: 'La reclamación no existe o está fuera de su ámbito.',
    en: 'Unknown complaint, or outside your scope.',
  },
});
