// "This answer's e-mail matches customer X": a response given through a survey's contact
// question with an e-mail of a known customer is SUGGESTED as that customer's on the response
// detail. Anyone can type any address into a public survey, so the link is never made by
// itself: staff confirm (the response then belongs to the customer and shows on their timeline)
// or dismiss (the suggestion does not come back). Both are audit-logged. Mirrors the complaints
// module's case-page suggestion and uses the same customers matching (findByEmail).
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { audit } from '../audit/service';
import * as customers from '../customers/service';
import { unitScope } from '../orgs/service';
import * as repo from './repo';
import * as sql from './repo-customer-match';

registerErrors({
  SURVEY_MATCH_STALE: {
    status: 409,
    es: 'La sugerencia de cliente ya no es válida (la respuesta cambió). Recarga la página.',
    en: 'The customer suggestion is no longer valid (the response changed). Reload the page.',
  },
});

export interface TResponseCustomerSuggestion {
  id: string;
  name: string;
  email: string | null;
}

/** The response, if the caller may see it (same rules as the response detail). */
async function responseFor(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  responseId: string,
  forUpdate = false,
) {
  const r = await repo.getResponse(db, auth.orgId, responseId, forUpdate);
  if (!r || r.survey_id !== surveyId) throw new AppError('NOT_FOUND');
  const scope = await unitScope(db, auth);
  if (scope && (!r.org_unit_id || !scope.includes(r.org_unit_id))) throw new AppError('NOT_FOUND');
  return r as repo.TResponseRow & { customer_match_dismissed: string | null };
}

/** The e-mail typed into a contact question of the response's version, if any. */
async function contactEmail(db: Sql, r: repo.TResponseRow): Promise<string | null> {
  const v = await repo.getVersion(db, r.org_id, r.survey_id, r.version);
  const keys = (v?.definition.pages ?? [])
    .flatMap((p) => p.questions)
    .filter((q) => q.type === 'contact')
    .map((q) => q.key);
  if (!keys.length) return null;
  const e = (await sql.contactEmailAnswer(db, r.org_id, r.id, keys))?.trim();
  return e?.includes('@') ? e : null;
}

async function suggestionOf(
  db: Sql,
  auth: AuthContext,
  r: repo.TResponseRow & { customer_match_dismissed: string | null },
): Promise<TResponseCustomerSuggestion | null> {
  if (r.customer_id) return null;
  const email = await contactEmail(db, r);
  if (!email) return null;
  const cu = await customers.findByEmail(db, auth, email);
  if (!cu || cu.id === r.customer_match_dismissed) return null;
  return { id: cu.id, name: cu.name, email: cu.email };
}

/** The suggested customer for an unlinked response with a matching e-mail, else null. */
export async function customerSuggestion(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  responseId: string,
): Promise<{ suggestion: TResponseCustomerSuggestion | null }> {
  const r = await responseFor(db, auth, surveyId, responseId);
  return { suggestion: await suggestionOf(db, auth, r) };
}

/**
 * Staff's answer to the suggestion: link the response to that customer, or record that the
 * e-mail is not theirs. A suggestion that changed meanwhile (another user linked it, the
 * customer's e-mail changed) is refused rather than applied to a different customer.
 */
export async function answerCustomerMatch(
  db: Sql,
  auth: AuthContext,
  surveyId: string,
  responseId: string,
  a: { customerId: string; link: boolean },
): Promise<{ customerId: string | null }> {
  return db.transaction(async (tx) => {
    const r = await responseFor(tx, auth, surveyId, responseId, true);
    const s = await suggestionOf(tx, auth, r);
    if (!s || s.id !== a.customerId) throw new AppError('SURVEY_MATCH_STALE');
    await sql.answerMatch(tx, auth.orgId, responseId, s.id, a.link);
    await audit(tx, auth, {
      action: a.link ? 'survey.response_customer_linked' : 'survey.response_customer_dismissed',
      entity: 'customer',
      entityId: s.id,
      changes: { surveyId, responseId, customerName: s.name, email: s.email },
    });
    return { customerId: a.link ? s.id : null };
  });
}
