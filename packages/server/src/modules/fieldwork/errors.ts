// Error codes of the fieldwork module (es/en messages; 4xx only).
import { registerErrors } from '../../lib/errors';

registerErrors({
  FIELDWORK_CHECKLIST_INVALID: {
    status: 400,
    es: 'La lista de verificación no es válida (ver «problems»).',
    en: 'The checklist is not valid (see "problems").',
  },
  FIELDWORK_CHECKLIST_INACTIVE: {
    status: 409,
    es: 'La lista de verificación está desactivada: no se pueden programar visitas con ella.',
    en: 'The checklist is inactive: no visits can be scheduled with it.',
  },
  FIELDWORK_STANDARD_UNKNOWN: {
    status: 400,
    es: 'Un elemento remite a un estándar de servicio que no existe en la organización.',
    en: 'An item refers to a service standard that does not exist in the organisation.',
  },
  FIELDWORK_UNIT_SCOPE: {
    status: 403,
    es: 'Esa unidad no está en su ámbito: solo puede auditar las unidades que tiene asignadas.',
    en: 'That unit is outside your scope: you can only audit the units assigned to you.',
  },
  FIELDWORK_UNIT_REQUIRED: {
    status: 400,
    es: 'Indique la unidad propia visitada (o el nombre del competidor en una visita a la competencia).',
    en: 'Give the own unit visited (or the competitor name for a competitor visit).',
  },
  FIELDWORK_ASSIGNEE_INVALID: {
    status: 400,
    es: 'La persona asignada no existe, está inactiva o no puede hacer este tipo de visita.',
    en: 'The assignee does not exist, is inactive or cannot make this kind of visit.',
  },
  FIELDWORK_VISIT_ID_TAKEN: {
    status: 409,
    es: 'Ese identificador de visita ya se usó con otros datos.',
    en: 'That visit id was already used with different data.',
  },
  FIELDWORK_ANSWER_UNKNOWN_ITEM: {
    status: 400,
    es: 'Una respuesta no corresponde a ningún elemento de la versión de la lista de esta visita.',
    en: "An answer matches no item of this visit's checklist version.",
  },
  FIELDWORK_ANSWER_INVALID: {
    status: 400,
    es: 'Una respuesta no encaja con su elemento (por ejemplo, fuera de la escala): ver «item» y «problem».',
    en: 'An answer does not fit its item (for example, outside the scale): see "item" and "problem".',
  },
  FIELDWORK_TIMES_INVALID: {
    status: 400,
    es: 'Las horas de la visita no son coherentes (el final antes del inicio o en el futuro).',
    en: 'The visit times are inconsistent (end before start, or in the future).',
  },
  FIELDWORK_ALREADY_SUBMITTED: {
    status: 409,
    es: 'Esta visita ya se envió con otras respuestas; no se ha cambiado nada.',
    en: 'This visit was already sent with different answers; nothing was changed.',
  },
  FIELDWORK_VISIT_CLOSED: {
    status: 409,
    es: 'La visita ya está revisada: no admite cambios.',
    en: 'The visit has already been reviewed: it cannot be changed.',
  },
  FIELDWORK_NOT_SCHEDULED: {
    status: 409,
    es: 'La visita ya está hecha: no se puede reasignar.',
    en: 'The visit has already been made: it cannot be reassigned.',
  },
  FIELDWORK_NOT_SUBMITTED: {
    status: 409,
    es: 'Solo se puede revisar una visita enviada.',
    en: 'Only a submitted visit can be reviewed.',
  },
  FIELDWORK_PHOTO_TOO_LARGE: {
    status: 413,
    es: 'La foto supera el tamaño máximo permitido (ver «max» en bytes).',
    en: 'The photo exceeds the maximum size allowed (see "max", in bytes).',
  },
  FIELDWORK_PHOTO_TYPE: {
    status: 415,
    es: 'El archivo no es una imagen (se admiten JPEG, PNG y WebP, comprobado por su contenido).',
    en: 'The file is not an image (JPEG, PNG and WebP are accepted, checked by content).',
  },
  FIELDWORK_PHOTO_INVALID: {
    status: 400,
    es: 'La foto no es un base64 válido.',
    en: 'The photo is not valid base64.',
  },
  FIELDWORK_PHOTO_ID_TAKEN: {
    status: 409,
    es: 'Ese identificador de foto ya se usó con otro archivo.',
    en: 'That photo id was already used with another file.',
  },
  FIELDWORK_ACTION_FORBIDDEN: {
    status: 403,
    es: 'Solo la persona responsable o un gestor puede cambiar esta acción; verificarla corresponde a un gestor.',
    en: 'Only the owner or a manager can change this action; verifying it is up to a manager.',
  },
  FIELDWORK_IMPORT_FILE: {
    status: 400,
    es: 'No se pudo leer el archivo: envíe un CSV o XLSX con las columnas visit_id, unit, kind y una por elemento.',
    en: 'The file could not be read: send a CSV or XLSX with the columns visit_id, unit, kind and one per item.',
  },
});
