import { describe, expect, it } from 'vitest';
import { emptyForm, toBody, validate } from './form';

describe('customer form', () => {
  it('requires a name and a well-formed email when given', () => {
    expect(validate(emptyForm())).toEqual({ name: 'form.required' });
    expect(validate({ ...emptyForm(), name: 'Ana', email: 'nope' })).toEqual({
      email: 'form.email',
    });
    expect(validate({ ...emptyForm(), name: 'Ana', email: 'ana@ejemplo.es' })).toEqual({});
  });

  it('sends null for blank text and drops internalUnitId for non-internal customers', () => {
    const body = toBody(
      { ...emptyForm(), name: ' Ana ', phone: '  ', internalUnitId: 'u1' },
      false,
    );
    expect(body.name).toBe('Ana');
    expect(body.phone).toBeNull();
    expect(body.internalUnitId).toBeNull();
    expect('attributes' in body).toBe(false);
  });
});
