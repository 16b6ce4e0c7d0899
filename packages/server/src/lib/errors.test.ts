import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { AppError, errorBody, pickLang, registerErrors } from './errors';

describe('error registry', () => {
  it('maps codes to status and localised messages', () => {
    expect(new AppError('FORBIDDEN').status).toBe(403);
    expect(errorBody('NOT_FOUND', 'en').error.message).toBe('Not found.');
    expect(errorBody('NOT_FOUND', 'es').error.message).toBe('No encontrado.');
    registerErrors({ TEST_CODE: { status: 418, es: 'tetera', en: 'teapot' } });
    expect(new AppError('TEST_CODE').status).toBe(418);
  });
  it('picks the language from cookie, then Accept-Language, default es', () => {
    expect(pickLang('en', 'es-ES')).toBe('en');
    expect(pickLang(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, undefined)).toBe('es');
  });
});

describe('config', () => {
  it('validates env and refuses bad values', () => {
    const c = loadConfig({ SESSION_SECRET: 'x'.repeat(40), PORT: '4000' });
    expect(c.port).toBe(4000);
    expect(c.cookieSecure).toBe('auto');
    expect(() => loadConfig({ SESSION_SECRET: 'x'.repeat(40), PORT: 'abc' })).toThrow(/PORT/);
  });
});
