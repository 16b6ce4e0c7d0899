// Agency import: visit results in the contract's visits layout (`visit_id,unit,kind,<item key>…`,
// the file `fidelia analyze audit --visits` reads), CSV or XLSX through lib/tabular, against the
// checklist's current version. Optional `visited_at` (YYYY-MM-DD or ISO). Each row is stored and
// scored on its own (the module's submit path: same scorer, same corrective actions); rejected
// rows come back with row, column, value and reason and nothing of them is stored. The agency's
// visit_id is kept as the external reference: importing the same file again stores nothing twice.
import { randomUUID } from 'node:crypto';
import type { TChecklistItem } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { openTabularBytes, parseNumber, TabularError, tabularFormat } from '../../lib/tabular';
import { listUnits, unitScope } from '../orgs/service';
import * as repo from './repo';
import { answerProblem } from './scoring';
import { storeImported } from './service';

export interface TImportRejection {
  row: number;
  column: string;
  value: string;
  reason: string;
}

const MAX_ROWS = 5000;

function cell(raw: string, decimalComma: boolean): boolean | number | 'na' | null | undefined {
  const s = raw.trim().toLowerCase();
  if (s === '') return null;
  if (s === 'yes' || s === 'sí' || s === 'si') return true;
  if (s === 'no') return false;
  if (s === 'na' || s === 'n/a') return 'na';
  const v = parseNumber(s, { decimalComma });
  return v === null || Number.isNaN(v) ? undefined : v;
}

export async function importVisits(
  db: Sql,
  auth: AuthContext,
  checklistId: string,
  filename: string,
  bytes: Buffer,
): Promise<{ imported: number; already: number; rejected: TImportRejection[] }> {
  const c = await repo.getChecklist(db, auth.orgId, checklistId);
  if (!c) throw new AppError('NOT_FOUND');
  const format = tabularFormat(filename) ?? 'csv';
  let file: Awaited<ReturnType<typeof openTabularBytes>>;
  try {
    file = await openTabularBytes(bytes, format, filename);
  } catch {
    throw new AppError('FIELDWORK_IMPORT_FILE');
  }
  const header = file.header.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [idCol, unitCol, kindCol] = ['visit_id', 'unit', 'kind'].map(col) as [
    number,
    number,
    number,
  ];
  if (idCol < 0 || unitCol < 0 || kindCol < 0) {
    throw new AppError('FIELDWORK_IMPORT_FILE', {
      missing: ['visit_id', 'unit', 'kind'].filter((x) => col(x) < 0),
    });
  }
  const dateCol = col('visited_at');
  const items: TChecklistItem[] = c.items;
  const itemCols = items.map((it) => col(it.key.toLowerCase()));
  const unknown = file.header.filter(
    (h, i) =>
      h.trim() !== '' &&
      ![idCol, unitCol, kindCol, dateCol].includes(i) &&
      !items.some((it) => it.key.toLowerCase() === header[i]),
  );
  const units = await listUnits(db, auth.orgId);
  const scope = await unitScope(db, auth);
  const byName = new Map(units.map((u) => [u.name.trim().toLowerCase(), u.id]));
  const rejected: TImportRejection[] = unknown.map((h) => ({
    row: 1,
    column: h,
    value: '',
    reason: 'unknown_item',
  }));
  let imported = 0;
  let already = 0;
  const seen = new Set<string>();
  let count = 0;
  try {
    for await (const row of file.rows) {
      if (++count > MAX_ROWS) {
        rejected.push({ row: row.line, column: '', value: '', reason: 'too_many_rows' });
        break;
      }
      const v = (i: number) => (i >= 0 ? (row.values[i] ?? '') : '');
      const reject = (column: string, value: string, reason: string) =>
        rejected.push({ row: row.line, column, value, reason });
      const ext = v(idCol).trim();
      if (!ext) {
        reject('visit_id', '', 'blank');
        continue;
      }
      if (seen.has(ext)) {
        reject('visit_id', ext, 'duplicate_in_file');
        continue;
      }
      seen.add(ext);
      const kind = v(kindCol).trim().toLowerCase();
      if (kind !== 'audit' && kind !== 'mystery' && kind !== 'competitor') {
        reject('kind', v(kindCol), 'bad_kind');
        continue;
      }
      const unitName = v(unitCol).trim();
      if (!unitName) {
        reject('unit', '', 'blank');
        continue;
      }
      let unitId: string | null = null;
      if (kind !== 'competitor') {
        unitId = byName.get(unitName.toLowerCase()) ?? null;
        if (!unitId) {
          reject('unit', unitName, 'unknown_unit');
          continue;
        }
        if (scope && !scope.includes(unitId)) {
          reject('unit', unitName, 'unit_out_of_scope');
          continue;
        }
      }
      let visitedAt = new Date().toISOString();
      if (dateCol >= 0 && v(dateCol).trim()) {
        const t = Date.parse(v(dateCol).trim());
        if (Number.isNaN(t) || t > Date.now() + 86_400_000) {
          reject('visited_at', v(dateCol), 'bad_date');
          continue;
        }
        visitedAt = new Date(t).toISOString();
      }
      const answers: { key: string; value: boolean | number | 'na' | null; comment: string }[] = [];
      let bad = false;
      items.forEach((it, j) => {
        if (bad) return;
        const i = itemCols[j] as number;
        if (i < 0) return;
        const raw = v(i);
        const a = cell(raw, file.decimalComma);
        if (a === undefined) {
          reject(it.key, raw, 'bad_value');
          bad = true;
          return;
        }
        const p = answerProblem(it, a);
        if (p) {
          reject(it.key, raw, p.startsWith('outside') ? 'out_of_scale' : 'bad_value');
          bad = true;
          return;
        }
        answers.push({ key: it.key, value: a, comment: '' });
      });
      if (bad) continue;
      const r = await storeImported(db, auth, {
        id: randomUUID(),
        checklistId,
        version: c.version,
        kind,
        unitId,
        competitorName: kind === 'competitor' ? unitName : null,
        externalRef: `${checklistId}:${ext}`,
        visitedAt,
        answers,
      });
      if (r === 'stored') imported++;
      else already++;
    }
  } catch (e) {
    if (e instanceof TabularError) {
      rejected.push({ row: e.line, column: '', value: '', reason: 'malformed_file' });
    } else throw e;
  }
  return { imported, already, rejected };
}
