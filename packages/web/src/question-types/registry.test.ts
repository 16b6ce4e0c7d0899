// Every question type has every part, in every registry: its zod schema and zod-free record
// (contracts/src/question-types), the respondent renderer, the builder editor and the staff part
// (defaults, entry fields, answer detail) here. The folder layout is checked too: a type listed
// in a registry lives in its own folder with the files named in ARCHITECTURE.md.
import { existsSync } from 'node:fs';
import { QUESTION_SCHEMA_BY_TYPE, ZQuestionSchema } from '@fidelia/contracts';
import { QUESTION_TYPE_DEFS, QUESTION_TYPES } from '@fidelia/contracts/survey-logic';
import { describe, expect, it } from 'vitest';
import { EDITORS } from './editors';
import { RENDERERS } from './respond';
import { STAFF_TYPES } from './staff';
import type { TStaffType } from './staff-kit';

const here = new URL('./', import.meta.url);
const contracts = new URL('../../../contracts/src/question-types/', import.meta.url);

describe('question-type registries', () => {
  it('list exactly the types of QUESTION_TYPES', () => {
    const sorted = [...QUESTION_TYPES].sort();
    for (const reg of [
      QUESTION_TYPE_DEFS,
      QUESTION_SCHEMA_BY_TYPE,
      RENDERERS,
      EDITORS,
      STAFF_TYPES,
    ])
      expect(Object.keys(reg).sort()).toEqual(sorted);
  });
  for (const type of QUESTION_TYPES) {
    it(`${type} has schema, validation, columns, editor, renderer, entry, detail`, () => {
      const def = QUESTION_TYPE_DEFS[type];
      expect(QUESTION_SCHEMA_BY_TYPE[type].shape.type.value).toBe(type);
      for (const part of ['check', 'rows', 'items', 'tag', 'withDefaultTags', 'columns'] as const)
        expect(typeof def[part], part).toBe('function');
      expect(typeof RENDERERS[type]).toBe('function');
      expect(typeof EDITORS[type]).toBe('function');
      const staff = STAFF_TYPES[type] as TStaffType;
      for (const part of ['defaults', 'entry', 'detail'] as const)
        expect(typeof staff[part], part).toBe('function');
      // the builder's defaults are a valid question of the type, with export columns
      const q = ZQuestionSchema.parse(
        staff.defaults({ key: 'k1', title: { es: 'T' }, required: false }),
      );
      expect(q.type).toBe(type);
      expect(def.columns(q as never, 'es').length).toBeGreaterThan(0);
      for (const f of ['index.ts', 'schema.ts'])
        expect(existsSync(new URL(`${type}/${f}`, contracts)), `contracts ${type}/${f}`).toBe(true);
      for (const f of ['Renderer.tsx', 'Editor.tsx', 'staff.ts'])
        expect(existsSync(new URL(`${type}/${f}`, here)), `web ${type}/${f}`).toBe(true);
    });
  }
});
