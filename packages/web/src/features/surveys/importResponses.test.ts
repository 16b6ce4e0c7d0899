// Rejection reasons in words and the progress share of a response import.
import { describe, expect, it } from 'vitest';
import en from './i18n/responseImport/en.json';
import es from './i18n/responseImport/es.json';
import { progressPct, reasonKey } from './importResponses';

describe('reasonKey', () => {
  it('turns server reasons into translation keys with their values', () => {
    expect(reasonKey('unknown_unit')).toEqual({ key: 'unknown_unit', values: { n: '' } });
    expect(reasonKey('duplicate_respondent:12')).toEqual({
      key: 'duplicate_respondent',
      values: { n: '12' },
    });
    expect(reasonKey('invalid:out of range 0..10')).toEqual({
      key: 'range',
      values: { min: '0', max: '10' },
    });
    expect(reasonKey('invalid:not one of the options')).toEqual({ key: 'option', values: {} });
    expect(reasonKey('invalid:text expected')).toEqual({ key: 'invalid', values: {} });
  });

  it('has a text in both languages for every reason the server writes', () => {
    const server = [
      'unknown_unit',
      'ambiguous_unit',
      'unknown_channel',
      'bad_date',
      'future_date',
      'submitted_at_missing',
      'not_a_number',
      'not_yes_no',
      'unknown_status',
      'unknown_language',
      'respondent_id_missing',
      'too_long',
      'duplicate_respondent:2',
      'unknown_customer',
      'required',
      'hidden',
      'constant_sum',
      'unknown_question',
      'respondent_already_imported_differently',
      'invalid:out of range 1..5',
      'invalid:not one of the columns',
      'invalid:integer expected',
    ];
    for (const r of server) {
      const { key } = reasonKey(r);
      expect([r, key in es.responseImport.reason]).toEqual([r, true]);
      expect([r, key in en.responseImport.reason]).toEqual([r, true]);
    }
  });
});

describe('progressPct', () => {
  it('is the share of lines read, 100 when done, 0 without a total', () => {
    expect(progressPct({ status: 'running', processed: 250, total: 1000 })).toBe(25);
    expect(progressPct({ status: 'running', processed: 1001, total: 1000 })).toBe(100);
    expect(progressPct({ status: 'running', processed: 5, total: 0 })).toBe(0);
    expect(progressPct({ status: 'done', processed: 998, total: 1000 })).toBe(100);
  });
});
