// Error codes of the standards module (es/en), registered once on import.
import { registerErrors } from '../../lib/errors';

registerErrors({
  STANDARD_NOT_FOUND: {
    status: 404,
    es: 'El estándar no existe.',
    en: 'Unknown standard.',
  },
  STANDARD_VERSION_NOT_FOUND: {
    status: 404,
    es: 'Esa versión del estándar no existe.',
    en: 'Unknown version of the standard.',
  },
  STANDARD_ID_REUSED: {
    status: 409,
    es: 'Ese identificador ya se usó para otro estándar.',
    en: 'That id was already used for another standard.',
  },
  STANDARD_CODE_TAKEN: {
    status: 409,
    es: 'Ya hay un estándar con ese código.',
    en: 'A standard with that code already exists.',
  },
  STANDARD_VERSION_CONFLICT: {
    status: 409,
    es: 'Alguien guardó otra versión mientras editaba. Recargue y repita el cambio.',
    en: 'Someone saved another version while you were editing. Reload and redo the change.',
  },
  STANDARD_MOMENT_UNKNOWN: {
    status: 400,
    es: 'El momento del servicio no existe.',
    en: 'Unknown moment of service.',
  },
  STANDARD_ATTRIBUTE_UNKNOWN: {
    status: 400,
    es: 'El atributo de servicio no existe.',
    en: 'Unknown service attribute.',
  },
  STANDARD_UNIT_UNKNOWN: {
    status: 400,
    es: 'Una de las unidades no existe.',
    en: 'One of the org units does not exist.',
  },
  STANDARD_SURVEY_UNKNOWN: {
    status: 400,
    es: 'La encuesta de la investigación no existe.',
    en: 'Unknown research survey.',
  },
  STANDARD_ITEMS_DIMENSION: {
    status: 400,
    es: 'Los ítems SERVQUAL no pertenecen a la dimensión elegida.',
    en: 'The SERVQUAL items do not belong to the chosen dimension.',
  },
  STANDARD_CATALOGUE_UNKNOWN: {
    status: 404,
    es: 'Ese catálogo inicial no existe.',
    en: 'Unknown starter catalogue.',
  },
  ATTRIBUTE_NOT_FOUND: {
    status: 404,
    es: 'El atributo de servicio no existe.',
    en: 'Unknown service attribute.',
  },
  ATTRIBUTE_KEY_TAKEN: {
    status: 409,
    es: 'Ya hay un atributo con esa clave y otro contenido.',
    en: 'An attribute with that key and other content already exists.',
  },
  ATTRIBUTE_IN_USE: {
    status: 409,
    es: 'El atributo lo usan estándares (también versiones anteriores) o reclamaciones; no se puede borrar.',
    en: 'Standards (or earlier versions of them) or complaints use this attribute; it cannot be deleted.',
  },
  MOMENT_KEY_TAKEN: {
    status: 409,
    es: 'Ya hay un momento del servicio con esa clave.',
    en: 'A moment of service with that key already exists.',
  },
});
