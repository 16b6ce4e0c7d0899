// Win-back actions: invite chosen customers to a survey (the surveys module's invitation job) or
// open a follow-up case each (FOLLOWUP_JOB, handled by the complaints module); their list and
// the retention notifications.
import type { TWinback } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { enqueue } from '../../jobs/queue';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit } from '../audit/service';
import { getSurvey } from '../surveys/service';
import * as repo from './repo';
import { scopeOf } from './visible';

/** Job kind for "open a follow-up case" win-back actions (handled by the complaints module;
 *  payload { actionId, customerId, note, pAlive, clv }; idempotent on actionId). */
export const FOLLOWUP_JOB = 'retention.followup';

export async function winback(
  db: Sql,
  auth: AuthContext,
  v: TWinback,
): Promise<{ actions: number; jobIds: string[] }> {
  const ids = [...new Set(v.customerIds)];
  const found = await repo.winbackTargets(db, auth.orgId, ids, await scopeOf(db, auth));
  if (found.length !== ids.length) throw new AppError('NOT_FOUND');
  if (v.action === 'survey') {
    const s = await getSurvey(db, auth, v.surveyId);
    if (s.status !== 'open') throw new AppError('RETENTION_SURVEY_NOT_OPEN');
  }
  return db.transaction(async (tx) => {
    const jobIds: string[] = [];
    if (v.action === 'survey') {
      // The surveys module's invitation job (consent, fatigue, language and mail are its rules).
      const jobId = await enqueue(tx, {
        orgId: auth.orgId,
        kind: 'survey.invite',
        maxAttempts: 5,
        payload: {
          surveyId: v.surveyId,
          batchId: crypto.randomUUID(),
          customerIds: ids,
          segmentId: null,
          all: false,
          reminderAfterDays: 0,
          validDays: 30,
          userId: auth.userId,
          unitId: auth.unitId,
        },
      });
      jobIds.push(jobId);
      await repo.insertSurveyActions(tx, auth.orgId, {
        customerIds: ids,
        surveyId: v.surveyId,
        jobId,
        note: v.note,
        createdBy: auth.userId,
      });
    } else {
      for (const c of found) {
        const actionId = crypto.randomUUID();
        const jobId = await enqueue(tx, {
          orgId: auth.orgId,
          kind: FOLLOWUP_JOB,
          maxAttempts: 10,
          payload: { actionId, customerId: c.id, note: v.note, pAlive: c.p_alive, clv: c.clv },
        });
        jobIds.push(jobId);
        await repo.insertCaseAction(tx, auth.orgId, {
          id: actionId,
          customerId: c.id,
          jobId,
          note: v.note,
          createdBy: auth.userId,
        });
      }
    }
    await audit(tx, auth, {
      action: `retention.winback_${v.action}`,
      entity: 'retention_winback',
      changes: { customers: ids.length, jobIds },
    });
    return { actions: ids.length, jobIds };
  });
}

export async function listWinback(db: Sql, auth: AuthContext) {
  const rows = await repo.winbackActions(db, auth.orgId, await scopeOf(db, auth));
  return {
    items: rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      name: r.name,
      action: r.action,
      status: r.job_status ?? 'unknown',
      note: r.note,
      createdAt: iso(r.created_at),
    })),
  };
}

export async function notifications(db: Sql, auth: AuthContext) {
  const rows = await repo.notificationsOf(db, auth.orgId, await scopeOf(db, auth));
  return {
    items: rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      name: r.name,
      kind: r.kind,
      payload: r.payload,
      emailed: r.emailed_at !== null,
      createdAt: iso(r.created_at),
    })),
  };
}
