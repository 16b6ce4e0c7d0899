// The SLA's durable timers and its hook into case changes.
//  - every case change (../service onComplaintChange) recomputes that case's targets in the
//    same transaction, which queues one timer job per open target (warning instant, then due);
//  - a timer job whose version is no longer the target's is stale and does nothing (the
//    recomputation that superseded it queued the right one);
//  - at the warning instant: a 'warning' notification to the assignee (or the unit manager);
//    at the due instant: a 'breach' notification and an escalation e-mail to the unit manager
//    (nearest up the unit tree; else the org owner), plus 'sla.warning'/'sla.breach' timeline
//    entries. Notifications are idempotent (unique per case/target/kind/due) and unsent ones
//    are retried with the job.
import type { Sql } from '../../../db/client';
import type { JobPayload } from '../../../jobs/kinds';
import { registerJob } from '../../../jobs/queue';
import type { Mailer } from '../../../mail/mailer';
import { addSystemEvent, getCaseForSystem, onComplaintChange, unitManager } from '../service';
import type { SlaTarget } from './compute';
import * as repo from './repo';
import { nextFire, recomputeCase, recomputeOrg } from './service';

export interface SlaDeps {
  db: Sql;
  mailer: Mailer;
  publicUrl: string;
}

const TARGET_NAME = {
  es: { first_response: 'primera respuesta', update: 'actualización', resolution: 'resolución' },
  en: { first_response: 'first response', update: 'update', resolution: 'resolution' },
} as const;

function mailText(
  lang: 'es' | 'en',
  kind: 'warning' | 'breach',
  c: { reference: string; subject: string },
  target: SlaTarget,
  dueAt: string,
  link: string,
) {
  const t = TARGET_NAME[lang][target];
  if (lang === 'en') {
    return {
      subject:
        kind === 'breach'
          ? `[SLA breached] ${c.reference}: ${t} overdue`
          : `[SLA warning] ${c.reference}: ${t} due soon`,
      text: `${kind === 'breach' ? 'The SLA target was breached' : 'The SLA target is close to its deadline'}.\n\nComplaint: ${c.reference} — ${c.subject}\nTarget: ${t}\nDue: ${dueAt}\n\n${link}\n`,
    };
  }
  return {
    subject:
      kind === 'breach'
        ? `[SLA incumplido] ${c.reference}: ${t} vencida`
        : `[Aviso SLA] ${c.reference}: ${t} a punto de vencer`,
    text: `${kind === 'breach' ? 'Se ha incumplido el plazo del SLA' : 'El plazo del SLA está a punto de vencer'}.\n\nReclamación: ${c.reference} — ${c.subject}\nPlazo: ${t}\nVence: ${dueAt}\n\n${link}\n`,
  };
}

async function escalationRecipient(db: Sql, orgId: string, unitId: string | null) {
  const manager = unitId ? await unitManager(db, orgId, unitId) : null;
  return manager ?? (await repo.orgOwner(db, orgId));
}

/** Sends every unsent notification of the case; throws (so the job retries) if one fails. */
async function deliver(deps: SlaDeps, orgId: string, caseId: string) {
  const c = await getCaseForSystem(deps.db, orgId, caseId);
  if (!c) return;
  const pending = await repo.unsentNotifications(deps.db, orgId, caseId);
  let failed: unknown = null;
  for (const n of pending) {
    const user = n.recipientId ? await repo.userContact(deps.db, orgId, n.recipientId) : null;
    const lang = user?.locale ?? 'es';
    const link = `${deps.publicUrl.replace(/\/$/, '')}/complaints/${caseId}`;
    const mail = mailText(lang, n.kind, c, n.target as SlaTarget, n.dueAt, link);
    try {
      await deps.mailer.send({ to: n.recipientEmail as string, ...mail });
      await repo.markNotification(deps.db, orgId, n.id, { sent: true });
    } catch (e) {
      failed = e;
      await repo.markNotification(deps.db, orgId, n.id, { error: String(e).slice(0, 500) });
    }
  }
  if (failed) throw failed;
}

/** The job's payload as parsed by its schema in jobs/kinds.ts. */
export type TimerPayload = JobPayload<'complaints.sla.timer'>;

/** One timer run; `now` is injectable for tests. Returns what it did. */
export async function runTimer(
  deps: SlaDeps,
  orgId: string,
  p: TimerPayload,
  now = Date.now(),
): Promise<{ outcome: 'stale' | 'idle' | 'warned' | 'breached' | 'rescheduled' }> {
  const { db } = deps;
  const t = await repo.getTarget(db, orgId, p.caseId, p.target);
  if (!t || t.version !== p.version) {
    await deliver(deps, orgId, p.caseId); // a retry of an earlier attempt may still owe mail
    return { outcome: 'stale' };
  }
  const target = t.target; // the stored row names a known target (the payload's is a string)
  // Fresh facts first: a missed hook, a restart or a pause may have moved the instants.
  await db.transaction((tx) => recomputeCase(tx, orgId, p.caseId, now));
  const cur = await repo.getTarget(db, orgId, p.caseId, target);
  if (!cur || cur.version !== p.version) return { outcome: 'stale' };
  const fire = nextFire(cur);
  if (fire === null) {
    await deliver(deps, orgId, p.caseId);
    return { outcome: 'idle' };
  }
  if (fire > now) {
    // Woken early (clock skew, manual run): queue again for the right instant.
    await repo.enqueueTimers(db, orgId, [
      { complaintId: p.caseId, target: target, version: p.version, runAt: fire },
    ]);
    return { outcome: 'rescheduled' };
  }
  const c = await getCaseForSystem(db, orgId, p.caseId);
  if (!c) return { outcome: 'stale' };
  const kind: 'warning' | 'breach' = cur.dueAt !== null && now >= cur.dueAt ? 'breach' : 'warning';
  const outcome = await db.transaction(async (tx) => {
    const mark = kind === 'breach' ? 'breached_at' : 'warned_at';
    if (!(await repo.markTarget(tx, orgId, p.caseId, target, p.version, mark, now)))
      return 'stale' as const;
    if (kind === 'breach' && cur.warnedAt === null)
      await repo.markTarget(tx, orgId, p.caseId, target, p.version, 'warned_at', now);
    const recipientId =
      kind === 'warning' && c.assigneeId
        ? c.assigneeId
        : await escalationRecipient(tx, orgId, c.unitId);
    const user = recipientId ? await repo.userContact(tx, orgId, recipientId) : null;
    const dueAt = cur.dueAt as number;
    const id = await repo.insertNotification(tx, orgId, {
      complaintId: p.caseId,
      target: target,
      kind,
      dueAt,
      recipientId: user ? recipientId : null,
      recipientEmail: now - dueAt > MAIL_WINDOW_MS ? null : (user?.email ?? null),
    });
    if (id) {
      await addSystemEvent(tx, orgId, p.caseId, {
        kind: kind === 'breach' ? 'sla.breach' : 'sla.warning',
        data: {
          target: target,
          dueAt: new Date(dueAt).toISOString(),
          notifiedUserId: recipientId,
        },
      });
      if (kind === 'breach' && recipientId) {
        await addSystemEvent(tx, orgId, p.caseId, {
          kind: 'escalated',
          data: { target: target, to: recipientId },
        });
      }
    }
    if (kind === 'warning') {
      // Next stop: the due instant, same version.
      await repo.enqueueTimers(tx, orgId, [
        { complaintId: p.caseId, target: target, version: p.version, runAt: dueAt },
      ]);
    }
    return kind === 'breach' ? ('breached' as const) : ('warned' as const);
  });
  await deliver(deps, orgId, p.caseId);
  return { outcome };
}

let unhook: (() => void) | null = null;
/** Case changes that cannot move an SLA instant (no status, timing, unit, category or severity). */
const IRRELEVANT = new Set(['assigned', 'unassigned', 'conflict', 'note', 'rated', 'decision']);
/** Breaches found this late (server down for days, old imported cases) are recorded, not mailed. */
const MAIL_WINDOW_MS = 3 * 86_400_000;

/** Hooks case changes and registers the SLA jobs (idempotent; the latest deps win). */
export function registerSla(deps: SlaDeps): void {
  unhook?.();
  unhook = onComplaintChange('sla', async (tx, change) => {
    if (IRRELEVANT.has(change.kind)) return;
    await recomputeCase(tx, change.orgId, change.caseId, Date.now(), { cached: true });
  });
  registerJob(repo.TIMER_JOB, async (payload, ctx) => runTimer(deps, ctx.orgId, payload));
  registerJob(repo.RECOMPUTE_JOB, async (_payload, ctx) =>
    recomputeOrg(deps.db, ctx.orgId, { progress: (done) => ctx.progress({ done }) }),
  );
}
