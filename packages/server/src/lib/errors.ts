// One registry: error code -> HTTP status + localised message (es/en). Modules add their own
// codes with registerErrors() in their own files; throw `new AppError('CODE', details)`.
export type Lang = 'es' | 'en';

interface ErrorDef {
  status: number;
  es: string;
  en: string;
}

const registry = new Map<string, ErrorDef>();

export function registerErrors(defs: Record<string, ErrorDef>): void {
  for (const [code, def] of Object.entries(defs)) registry.set(code, def);
}

registerErrors({
  VALIDATION_FAILED: { status: 400, es: 'Datos no válidos.', en: 'Invalid input.' },
  MALFORMED_JSON: { status: 400, es: 'El JSON enviado no es válido.', en: 'Malformed JSON body.' },
  BAD_REQUEST: { status: 400, es: 'Petición incorrecta.', en: 'Bad request.' },
  UNAUTHENTICATED: { status: 401, es: 'Inicia sesión para continuar.', en: 'Please sign in.' },
  INVALID_CREDENTIALS: {
    status: 401,
    es: 'Correo o contraseña incorrectos.',
    en: 'Wrong email or password.',
  },
  FORBIDDEN: {
    status: 403,
    es: 'No tienes permiso para esto.',
    en: 'You are not allowed to do this.',
  },
  CSRF_INVALID: {
    status: 403,
    es: 'Token CSRF ausente o no válido. Recarga la página.',
    en: 'Missing or invalid CSRF token. Reload the page.',
  },
  NOT_FOUND: { status: 404, es: 'No encontrado.', en: 'Not found.' },
  CONFLICT: {
    status: 409,
    es: 'Conflicto con datos existentes.',
    en: 'Conflicts with existing data.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, es: 'El envío es demasiado grande.', en: 'Payload too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    es: 'Tipo de contenido no admitido.',
    en: 'Unsupported content type.',
  },
  RATE_LIMITED: {
    status: 429,
    es: 'Demasiados intentos. Espera un momento.',
    en: 'Too many attempts. Please wait.',
  },
  INTERNAL: { status: 500, es: 'Error interno.', en: 'Internal error.' },
});

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
  get status(): number {
    return registry.get(this.code)?.status ?? 500;
  }
}

export function errorStatus(code: string): number {
  return registry.get(code)?.status ?? 500;
}

export function errorMessage(code: string, lang: Lang): string {
  const d = registry.get(code);
  return d ? d[lang] : code;
}

export function errorBody(code: string, lang: Lang, details?: Record<string, unknown>) {
  return { error: { code, message: errorMessage(code, lang), details: details ?? {} } };
}

/** es unless the fidelia_lang cookie or Accept-Language prefers en. */
export function pickLang(cookieLang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookieLang === 'es' || cookieLang === 'en') return cookieLang;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}
