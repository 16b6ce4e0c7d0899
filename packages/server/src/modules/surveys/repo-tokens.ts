// Invitation and contact SQL (survey_invitations, survey_contacts): personal-link and e-mail
// invitation rows, the public token lookup (the token hash identifies the org) and token use.
import type { Sql } from '../../db/client';

export interface TInvitationRow {
  org_id: string;
  id: string;
  survey_id: string;
  customer_id: string;
  batch_id: string | null;
  channel: 'link' | 'email';
  language: 'es' | 'en';
  attrs: Record<string, string | number | boolean | null>;
  status: string;
  expires_at: Date | string;
  used_at: Date | string | null;
  response_id: string | null;
}

export async function insertInvitationRow(
  db: Sql,
  orgId: string,
  v: {
    id: string | null;
    surveyId: string;
    customerId: string;
    batchId: string | null;
    tokenHash: string;
    unsubscribeHash: string | null;
    channel: 'link' | 'email';
    language: 'es' | 'en';
    attrs: Record<string, unknown>;
    validDays: number;
    remindAfterDays: number;
    createdBy: string | null;
  },
): Promise<{ id: string; expires_at: Date | string }> {
  const r = await db.query<{ id: string; expires_at: Date | string }>(
    `INSERT INTO survey_invitations (org_id, id, survey_id, customer_id, batch_id, token_hash,
        unsubscribe_hash, channel, language, attrs, expires_at, remind_after_days, created_by)
     VALUES ($1, COALESCE($2, gen_random_uuid()), $3, $4, $5, $6, $7, $8, $9, $10::jsonb,
             now() + make_interval(days => $11::int), $12, $13)
     RETURNING id, expires_at`,
    [
      orgId,
      v.id,
      v.surveyId,
      v.customerId,
      v.batchId,
      v.tokenHash,
      v.unsubscribeHash,
      v.channel,
      v.language,
      JSON.stringify(v.attrs),
      v.validDays,
      v.remindAfterDays,
      v.createdBy,
    ],
  );
  return r.rows[0] as { id: string; expires_at: Date | string };
}

export async function insertContact(
  db: Sql,
  orgId: string,
  v: { customerId: string; surveyId: string; invitationId: string; kind: string },
): Promise<void> {
  await db.query(
    `INSERT INTO survey_contacts (org_id, customer_id, survey_id, invitation_id, kind)
     VALUES ($1, $2, $3, $4, $5)`,
    [orgId, v.customerId, v.surveyId, v.invitationId, v.kind],
  );
}

/** A personal link handed over: sent now. */
export async function markLinkSent(db: Sql, orgId: string, id: string): Promise<void> {
  await db.query(
    `UPDATE survey_invitations SET status = 'sent', sent_at = now() WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
}

export async function invitationByTokenHash(
  db: Sql,
  tokenHash: string,
): Promise<TInvitationRow | undefined> {
  const r = await db.query<TInvitationRow>(
    'SELECT * FROM survey_invitations WHERE token_hash = $1',
    [tokenHash],
  );
  return r.rows[0];
}

export async function invitationUnitId(db: Sql, orgId: string, id: string): Promise<string | null> {
  const r = await db.query<{ u: string | null }>(
    `SELECT attrs->>'_unitId' AS u FROM survey_invitations WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0]?.u ?? null;
}

export async function markInvitationOpened(db: Sql, orgId: string, id: string): Promise<void> {
  await db.query(
    `UPDATE survey_invitations SET opened_at = COALESCE(opened_at, now())
      WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
}

/** Ties the response to the invitation (complete uses it up); false when already used. */
export async function useInvitation(
  tx: Sql,
  orgId: string,
  id: string,
  responseId: string,
  complete: boolean,
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE survey_invitations
        SET response_id = $3,
            used_at = CASE WHEN $4 THEN now() END,
            status = CASE WHEN $4 THEN 'used' ELSE status END
      WHERE org_id = $1 AND id = $2 AND used_at IS NULL
        AND (response_id IS NULL OR response_id = $3) RETURNING id`,
    [orgId, id, responseId, complete],
  );
  return r.rows.length > 0;
}
