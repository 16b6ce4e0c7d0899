// `fidelia analyze kano`: header respondent_id, then <attr>:functional,<attr>:dysfunctional;
// or the survey's wide export, whose Kano columns are <question>.functional|dysfunctional
// (other columns ignored). The templates key a Kano question `kano_<attribute>`: that prefix
// is dropped so the attribute is named as in its tag kano:<attribute>:… (and by the API).
import { emptyKanoCounts, kanoClassify, kanoFromCounts } from '@fidelia/stats';
import { kanoJson } from '../../modules/analytics/reports';
import { CliError } from '../errors';
import { cellNumber, dataRows, isSurveyExport, openInput, requireColumn } from './input';
import type { TReport } from './output';

const ANSWER = { min: 1, max: 5, integer: true };

export async function analyzeKano(path: string): Promise<TReport> {
  const input = await openInput(path);
  const attrs: { attribute: string; f: number; d: number }[] = [];
  if (isSurveyExport(input)) {
    input.file.header.forEach((h, i) => {
      const m = /^(.+)\.functional$/i.exec(h);
      const d = m ? input.columns.get(`${m[1]}.dysfunctional`.toLowerCase()) : undefined;
      if (!m || d === undefined) return;
      attrs.push({ attribute: (m[1] as string).replace(/^kano_/, ''), f: i, d });
    });
  } else requireColumn(input, 'respondent_id');
  if (!isSurveyExport(input))
    input.file.header.forEach((h, i) => {
      const m = /^(.+):functional$/i.exec(h);
      if (!m) {
        if (i > 0 && !/:dysfunctional$/i.test(h)) {
          throw new CliError(
            `${input.name}: row 1, column ${h || i + 1}: expected <attribute>:functional or <attribute>:dysfunctional`,
          );
        }
        return;
      }
      const attribute = m[1] as string;
      attrs.push({ attribute, f: i, d: requireColumn(input, `${attribute}:dysfunctional`) });
    });
  if (attrs.length === 0)
    throw new CliError(`${input.name}: row 1: no <attribute>:functional columns`);
  const counts = attrs.map(() => emptyKanoCounts());
  let rows = 0;
  for await (const row of dataRows(input)) {
    rows++;
    attrs.forEach((a, j) => {
      const f = cellNumber(input, row, a.f, ANSWER);
      const d = cellNumber(input, row, a.d, ANSWER);
      if (f === null || d === null) return; // left out for this attribute
      const c = counts[j];
      if (c) c[kanoClassify(f, d)]++;
    });
  }
  if (rows === 0) throw new CliError(`${input.name}: no data rows`);
  const results = attrs.map((a, j) => ({
    attribute: a.attribute,
    ...kanoFromCounts(counts[j] ?? emptyKanoCounts()),
  }));
  if (results.every((r) => r.n === 0)) {
    throw new CliError(
      `${input.name}: no respondent answered both questions of any attribute (only missing values)`,
    );
  }
  return {
    json: kanoJson(results),
    tables: [
      {
        name: 'Kano',
        columns: [
          'attribute',
          'n',
          'A',
          'O',
          'M',
          'I',
          'R',
          'Q',
          'category',
          'better',
          'worse',
          'strength',
        ],
        rows: results.map((r) => [
          r.attribute,
          r.n,
          r.counts.A,
          r.counts.O,
          r.counts.M,
          r.counts.I,
          r.counts.R,
          r.counts.Q,
          r.category,
          r.better,
          r.worse,
          r.strength,
        ]),
      },
    ],
  };
}
