// Staff entry: answers keyed in by staff (paper forms, phone, in person), one or a batch, for a
// customer or anonymous, inside the user's unit scope. Re-exported by service.ts.
import type { ZStaffEntrySchema } from '@fidelia/contracts';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, errorBody } from '../../lib/errors';
import * as customers from '../customers/service';
import { unitScope } from '../orgs/service';
import { assertAttachable, logStaffContact } from './outreach';
import { checkUnit } from './public';
import * as repo from './repo';
import { storeResponse, type TSubmitResult } from './submit';

type TStaffBody = z.output<typeof ZStaffEntrySchema>;

export async function staffEntry(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  body: TStaffBody,
): Promise<TSubmitResult> {
  const s = await repo.getSurvey(db, auth.orgId, surveyId);
  if (!s) throw new AppError('NOT_FOUND');
  if (s.published_version === null) throw new AppError('SURVEY_NOT_PUBLISHED');
  // Paper forms may arrive after closing; staff may key them in unless the survey is a draft.
  let unitId = body.orgUnitId ?? null;
  if (body.customerId) {
    const c = await customers.get(db, auth, body.customerId).catch(() => null);
    if (!c || c.status === 'erased') {
      throw new AppError('SURVEY_CUSTOMER_INVALID', { field: 'customerId' });
    }
    await assertAttachable(db, auth, c);
    unitId ??= c.unitId;
  }
  await checkUnit(db, auth.orgId, unitId);
  const scope = await unitScope(db, auth);
  if (scope && (!unitId || !scope.includes(unitId))) {
    throw new AppError('FORBIDDEN', { field: 'orgUnitId' });
  }
  const stored = await storeResponse(db, s, {
    id: body.id,
    status: body.status,
    language: body.language,
    answers: body.answers,
    channel: body.channel,
    customerId: body.customerId ?? null,
    orgUnitId: unitId ?? repo.settingsOf(s).unitId,
    enteredBy: auth.userId,
    invitationId: null,
    deviceKey: null,
    startedAt: null,
    submittedAt: body.respondedAt ?? null,
    page: null,
    raw: body,
    duplicates: 'off',
  });
  if (body.customerId && !stored.replay) {
    await logStaffContact(db, auth.orgId, { customerId: body.customerId, surveyId });
  }
  return stored;
}

export async function staffBatch(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  items: TStaffBody[],
  lang: 'es' | 'en',
) {
  const results = [];
  for (const [index, item] of items.entries()) {
    try {
      const r = await staffEntry(db, auth, surveyId, item);
      results.push({ index, id: item.id, ok: true, replay: r.replay });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      if (e.code === 'NOT_FOUND') throw e;
      results.push({ index, id: item.id, ok: false, ...errorBody(e.code, lang, e.details) });
    }
  }
  const accepted = results.filter((r) => r.ok).length;
  return { accepted, rejected: results.length - accepted, results };
}
