import type { TCustomField } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { DuplicateTracker, diffCustomer } from './diff';
import { normaliseHeader, suggestMapping } from './mapping';
import { checkMapping, validateRow } from './rows';

const fields = new Map<string, TCustomField>([
  ['ltv', { key: 'ltv', label: 'Valor', type: 'number' }],
  ['vip', { key: 'vip', label: 'VIP', type: 'boolean' }],
  ['alta', { key: 'alta', label: 'Fecha alta', type: 'date' }],
  ['canal', { key: 'canal', label: 'Canal', type: 'choice', options: ['web', 'tienda'] }],
]);

describe('suggestMapping', () => {
  it('maps Spanish headers with accents', () => {
    expect(normaliseHeader('  Teléfono Móvil ')).toBe('telefono movil');
    const m = suggestMapping([
      'Código cliente',
      'Nombre',
      'Correo electrónico',
      'Teléfono',
      'Idioma',
    ]);
    expect(m).toEqual({
      'Código cliente': 'externalId',
      Nombre: 'name',
      'Correo electrónico': 'email',
      Teléfono: 'phone',
      Idioma: 'language',
    });
  });
  it('maps English headers, custom fields, and uses each target once', () => {
    const m = suggestMapping(
      ['Customer ID', 'Name', 'E-mail', 'ID', 'Valor', 'whatever'],
      [{ key: 'ltv', label: 'Valor' }],
    );
    expect(m).toEqual({
      'Customer ID': 'externalId',
      Name: 'name',
      'E-mail': 'email',
      ID: null,
      Valor: 'attr:ltv',
      whatever: null,
    });
  });
});

describe('validateRow', () => {
  const headers = ['id', 'nombre', 'email', 'tipo', 'nivel', 'ltv', 'vip', 'alta', 'canal', 'tags'];
  const mapping = {
    id: 'externalId',
    nombre: 'name',
    email: 'email',
    tipo: 'kind',
    nivel: 'tier',
    ltv: 'attr:ltv',
    vip: 'attr:vip',
    alta: 'attr:alta',
    canal: 'attr:canal',
    tags: 'needTags',
  } as const;
  it('types a valid row (Spanish number/date/boolean forms)', () => {
    const r = validateRow(
      1,
      headers,
      [
        'C1',
        ' José Núñez ',
        'Jose@Ejemplo.ES',
        'usuario',
        'b',
        '1.234,5',
        'sí',
        '05/03/2024',
        'web',
        'precio; rapidez ,precio',
      ],
      mapping,
      fields,
    );
    expect(r).toEqual({
      ok: true,
      draft: {
        externalId: 'C1',
        name: 'José Núñez',
        email: 'jose@ejemplo.es',
        kind: 'user',
        tier: 'B',
        attributes: { ltv: 1234.5, vip: true, alta: '2024-03-05', canal: 'web' },
        needTags: ['precio', 'rapidez'],
      },
    });
  });
  it('reports every bad cell with row, column, value and reason', () => {
    const r = validateRow(
      7,
      headers,
      ['', 'X', 'no-mail', 'alien', 'Z', 'abc', 'maybe', '31/02/2024', 'fax', ''],
      mapping,
      fields,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [7, 'id', 'required'],
      [7, 'email', 'invalid_email'],
      [7, 'tipo', 'invalid_kind'],
      [7, 'nivel', 'invalid_tier'],
      [7, 'ltv', 'not_a_number'],
      [7, 'vip', 'not_a_boolean'],
      [7, 'alta', 'not_a_date'],
      [7, 'canal', 'not_an_option'],
    ]);
  });
  it('keeps injection strings verbatim as data', () => {
    const evil = "Robert'); DROP TABLE customers;-- <script>alert(1)</script>";
    const r = validateRow(
      1,
      ['id', 'name'],
      ['x', evil],
      { id: 'externalId', name: 'name' },
      fields,
    );
    expect(r.ok && r.draft.name).toBe(evil);
  });
  it('uses the external id as name when there is no name column', () => {
    const r = validateRow(1, ['id'], ['00042'], { id: 'externalId' }, fields);
    expect(r).toEqual({ ok: true, draft: { externalId: '00042', name: '00042' } });
  });
});

describe('checkMapping', () => {
  it('requires an external id column and one header per target', () => {
    expect(checkMapping({ a: 'name' })).toEqual(['missing_external_id_column']);
    expect(checkMapping({ a: 'externalId', b: 'name', c: 'name' })).toEqual([
      'duplicate_target:name',
    ]);
    expect(checkMapping({ a: 'externalId', b: null })).toEqual([]);
  });
});

describe('diffCustomer', () => {
  const stored = {
    id: 'u1',
    name: 'Ana',
    email: 'a@b.es',
    needTags: ['x'],
    attributes: { ltv: 3, vip: true },
  };
  it('inserts when nothing is stored', () => {
    expect(diffCustomer({ externalId: 'e', name: 'Ana' }, undefined).kind).toBe('insert');
  });
  it('is unchanged when every mapped field is equal (re-import)', () => {
    expect(
      diffCustomer(
        { externalId: 'e', name: 'Ana', email: 'a@b.es', needTags: ['x'], attributes: { ltv: 3 } },
        stored,
      ),
    ).toEqual({ kind: 'unchanged', id: 'u1' });
  });
  it('updates only changed fields and merges attributes', () => {
    expect(
      diffCustomer({ externalId: 'e', name: 'Ana', email: null, attributes: { ltv: 4 } }, stored),
    ).toEqual({
      kind: 'update',
      id: 'u1',
      changes: { email: null, attributes: { ltv: 4, vip: true } },
    });
  });
});

describe('DuplicateTracker', () => {
  it('returns the first row for repeated external ids', () => {
    const t = new DuplicateTracker();
    expect(t.check('a', 1)).toBeNull();
    expect(t.check('b', 2)).toBeNull();
    expect(t.check('a', 3)).toBe(1);
  });
});
