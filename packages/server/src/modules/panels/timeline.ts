// The panels module's part of the customer timeline (registered from service.ts): sessions the
// customer attended, insights quoting them, incentives given. Own tables only; SQL in
// repo-timeline.ts.
import type { Sql } from '../../db/client';
import type { TSourceItem, TTimelineBefore } from '../customers/service';
import * as repo from './repo-timeline';

export async function timelineFor(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TSourceItem[]> {
  const out: TSourceItem[] = [];
  for (const r of await repo.attendedSessionRows(db, orgId, customerId, before, limit))
    out.push({
      key: `panel-session:${r.id}:${r.member}`,
      at: r.at,
      type: 'panels.session',
      summary: `${r.topic} (${r.panel})`,
      actor: { kind: 'customer' },
      link: null,
      data: { sessionId: r.id, kind: r.kind, topic: r.topic, panel: r.panel },
    });
  for (const r of await repo.insightEntryRows(db, orgId, customerId, before, limit))
    out.push({
      key: `panel-insight:${r.id}`,
      at: r.at,
      type: 'panels.insight',
      summary: r.quote ? `«${r.quote}» (${r.theme})` : r.theme,
      actor: null,
      link: null,
      data: { sessionId: r.session, theme: r.theme, quote: r.quote, topic: r.topic },
    });
  for (const r of await repo.incentiveEntryRows(db, orgId, customerId, before, limit))
    out.push({
      key: `panel-incentive:${r.id}`,
      at: r.at,
      type: 'panels.incentive',
      summary: `+${Number(r.amount)}${r.note ? ` · ${r.note}` : ''}`,
      actor: { kind: 'user', userId: r.user_id },
      link: null,
      data: { kind: r.kind, amount: Number(r.amount), note: r.note },
    });
  return out;
}
