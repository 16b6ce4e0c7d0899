// Fieldwork (issue 15): checklists built from service standards, internal audits, mystery
// shopping and competitor visits, photos, reviewer approval and corrective actions. The
// module's one public surface. Other modules use:
//   complianceByStandard(db, orgId, { unitIds?, from?, to? }) — gap 3 evidence (per standard
//     and item: n / met / compliance, own visits only, like the contract's standards/items);
//   unitVisitScores(db, orgId, { unitIds?, from?, to? }) — like the contract's `units`;
//   competitorVisitScores(...) — like the contract's `competitors` (never mixed into units);
//   overdueActions(db, auth) — count + most overdue corrective actions (home overview tile).
// Scores are computed by @fidelia/stats scoreAuditVisit / scoreAudit, the functions
// `fidelia analyze audit` uses. Visits keep the checklist version they were scheduled on.
// Competitor visits never count in unit, staff, standard or item figures.
// The code sits in service-<concern>.ts files (access, visits, submit, photos, actions,
// reports); this file keeps the checklists and re-exports the rest.
import type { TChecklist, TChecklistInput, TChecklistItem } from '@fidelia/contracts';
import { ZChecklistInputSchema } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import * as repo from './repo';
import { checklistProblems } from './scoring';
import { standardSnapshots } from './standards-link';
import './errors';

export { configurePhotos } from './photos';
export { AUDITORS, MANAGERS } from './service-access';
export { assignableUsers, listActions, overdueActions, updateAction } from './service-actions';
export { addPhoto, photoFor } from './service-photos';
export type { TCompliance, TFilter, TUnitVisitScore } from './service-reports';
export {
  checklistReport,
  competitorVisitScores,
  complianceByStandard,
  summaryReport,
  unitVisitScores,
} from './service-reports';
export {
  ACTION_DAYS,
  CRITICAL_ACTION_DAYS,
  createAndSubmit,
  MAX_VISIT_MINUTES,
  MIN_VISIT_MINUTES,
  reassignVisit,
  reviewVisit,
  storeImported,
  submit,
} from './service-submit';
export { getVisit, listVisits, schedule } from './service-visits';

// ------------------------------------------------------------------------------ checklists
function toChecklist(r: repo.TChecklistRow): TChecklist {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    version: r.version,
    active: r.active,
    items: r.items,
    visits: r.visits,
    updatedAt: iso(r.updated_at),
  };
}

export async function listChecklists(db: Sql, auth: AuthContext): Promise<TChecklist[]> {
  return (await repo.listChecklists(db, auth.orgId)).map(toChecklist);
}

export async function getChecklist(db: Sql, auth: AuthContext, id: string): Promise<TChecklist> {
  const r = await repo.getChecklist(db, auth.orgId, id);
  if (!r) throw new AppError('NOT_FOUND');
  return toChecklist(r);
}

async function buildItems(db: Sql, orgId: string, input: TChecklistInput) {
  const parsed = ZChecklistInputSchema.parse(input);
  const ids = [...new Set(parsed.items.map((i) => i.standardId).filter((x): x is string => !!x))];
  const snaps = await standardSnapshots(db, orgId, ids);
  const missing = ids.filter((id) => !snaps.has(id));
  if (missing.length > 0)
    throw new AppError('FIELDWORK_STANDARD_UNKNOWN', { standardIds: missing });
  const items: TChecklistItem[] = parsed.items.map((i) => {
    const s = i.standardId ? snaps.get(i.standardId) : undefined;
    const yesno = i.type === 'yesno';
    const fromStd =
      i.type === 'number' && s?.measureKind === 'number' && i.min == null && i.max == null;
    return {
      key: i.key,
      section: i.section,
      label: i.label,
      type: i.type,
      weight: i.weight,
      critical: i.critical,
      // a numeric item without its own target measures against the standard's (snapshot)
      min: yesno ? null : (i.min ?? (fromStd ? (s?.targetMin ?? null) : null)),
      max: yesno ? null : (i.max ?? (fromStd ? (s?.targetMax ?? null) : null)),
      pass: i.type === 'scale' ? (i.pass ?? null) : null,
      unit: i.type === 'number' ? (i.unit ?? null) : null,
      photo: i.photo,
      standardId: i.standardId ?? null,
      standardCode: s?.code ?? null,
      standardName: s?.name ?? null,
    };
  });
  const problems = checklistProblems(items);
  if (problems.length > 0) throw new AppError('FIELDWORK_CHECKLIST_INVALID', { problems });
  return { ...parsed, items };
}

export async function createChecklist(
  db: Sql,
  auth: AuthContext,
  input: TChecklistInput,
): Promise<TChecklist> {
  return db.transaction(async (tx) => {
    const c = await buildItems(tx, auth.orgId, input);
    const id = await repo.insertChecklist(tx, auth.orgId, { ...c, userId: auth.userId });
    await audit(tx, auth, { action: 'create', entity: 'fieldwork_checklist', entityId: id });
    return getChecklist(tx, auth, id);
  });
}

/** Item changes make a new version; visits already made or scheduled keep theirs. */
export async function updateChecklist(
  db: Sql,
  auth: AuthContext,
  id: string,
  input: TChecklistInput & { active?: boolean },
): Promise<TChecklist> {
  return db.transaction(async (tx) => {
    const cur = await repo.getChecklist(tx, auth.orgId, id);
    if (!cur) throw new AppError('NOT_FOUND');
    // `active` is not part of the checklist's content (strict schema): leave it out of the build
    const { active: _active, ...content } = input;
    const c = await buildItems(tx, auth.orgId, content);
    const same = JSON.stringify(c.items) === JSON.stringify(cur.items);
    if (same) {
      await repo.renameChecklist(tx, auth.orgId, id, {
        name: c.name,
        description: c.description,
        ...(input.active !== undefined ? { active: input.active } : {}),
      });
    } else {
      await repo.insertChecklistVersion(tx, auth.orgId, id, { ...c, userId: auth.userId });
      if (input.active !== undefined) {
        await repo.renameChecklist(tx, auth.orgId, id, { ...c, active: input.active });
      }
    }
    await audit(tx, auth, {
      action: 'update',
      entity: 'fieldwork_checklist',
      entityId: id,
      changes: same ? {} : { version: [cur.version, cur.version + 1] },
    });
    return getChecklist(tx, auth, id);
  });
}
