import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay, parseSummary, parseTransactions } from './parse';

const tmp = (name: string, text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'clvp-')), name);
  writeFileSync(f, text);
  return f;
};

describe('clv parsers', () => {
  it('parses dates strictly', () => {
    expect(parseDay('1997-01-01')).toBe(Date.UTC(1997, 0, 1) / 86_400_000);
    expect(parseDay('19970101')).toBe(parseDay('1997-01-01'));
    expect(parseDay('2021-02-29')).toBeNull();
    expect(parseDay('01/02/2021')).toBeNull();
  });
  it('reads the CDNOW master layout with header and CRLF, rejects a wrong field count', () => {
    const f = tmp(
      'm.txt',
      ' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n',
    );
    expect(parseTransactions(f, 'cdnow')).toEqual([
      { customerId: '00001', day: parseDay('1997-01-01'), amount: 11.77 },
    ]);
    const g = tmp('bad.txt', ' 00001 19970101  1\n');
    expect(() => parseTransactions(g, 'cdnow')).toThrow(/bad\.txt: row 1, column 3: expected 4/);
  });
  it('summary: optional id column, aliases, duplicate ids and recency > T are errors', () => {
    expect(parseSummary(tmp('a.csv', 'frequency,recency,T\n1,2,3\n'))).toEqual([
      { id: '1', frequency: 1, recency: 2, T: 3, monetaryValue: null },
    ]);
    expect(parseSummary(tmp('b.csv', 'ID,x,t_x,T,zbar\r\n7,1,2,3,4.5\r\n'))[0]).toEqual({
      id: '7',
      frequency: 1,
      recency: 2,
      T: 3,
      monetaryValue: 4.5,
    });
    expect(() => parseSummary(tmp('c.csv', 'id,frequency,recency,T\n1,1,2,3\n1,1,2,3\n'))).toThrow(
      /c\.csv: row 3, column id: duplicate/,
    );
    expect(() => parseSummary(tmp('d.csv', 'frequency,recency,T\n1,5,3\n'))).toThrow(
      /d\.csv: row 2, column recency/,
    );
    expect(() => parseSummary(tmp('e.csv', 'frequency,recency\n1,5\n'))).toThrow(
      /e\.csv: row 1, column T: missing/,
    );
  });
});
