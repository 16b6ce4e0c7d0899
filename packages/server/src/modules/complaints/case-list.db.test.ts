// The case page's complaint and customer (an e-mail match is suggested, never linked silently;
// the agent links or dismisses it), the classification corrected in place (audited, SLA
// recomputed), the filtered and sorted case list ("past due", due today, dates, names), saved
// views per user, the streamed CSV/XLSX of the filtered list, the index behind "open, past
// due" and the public form's link/QR/embed. PGlite and PostgreSQL.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { caller, ok } from './testing';

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let slug = '';
let owner: Session;
let agent: Session;
let viewer: Session;
let call: ReturnType<typeof caller>;
let customerId = '';
let categoryId = '';
let ip = 0;
const nextIp = () => ({ 'x-forwarded-for': `10.9.${Math.floor(++ip / 250)}.${ip % 250}` });

interface TItem {
  id: string;
  reference: string;
  severity: string;
  dueAt: string | null;
  customerName: string | null;
  assigneeName: string | null;
}
const list = (qs: string, s: Session = owner) =>
  ok<{ items: TItem[]; total: number }>(call(s, { method: 'GET', url: `/api/complaints?${qs}` }));
const publicCase = async (email: string, subject = 'Cobro duplicado') => {
  await ok(
    call(null, {
      method: 'POST',
      url: `/api/public/complaints/${slug}`,
      headers: nextIp(),
      payload: { name: 'Ana Ruiz', email, subject, description: 'Dos cargos', consent: true },
    }),
    201,
  );
  const l = await list(`q=${encodeURIComponent(email)}&limit=1`);
  return l.items[0]?.id as string;
};
const staffCase = (over: Record<string, unknown> = {}) =>
  ok<{ id: string }>(
    call(owner, {
      method: 'POST',
      url: '/api/complaints',
      payload: { channel: 'phone', subject: 'Espera', description: 'Mucha espera', ...over },
    }),
    201,
  );
const detail = (id: string, s: Session = owner) =>
  ok<Record<string, unknown>>(call(s, { method: 'GET', url: `/api/complaints/${id}` }));

beforeAll(async () => {
  t = await createTestApp();
  call = caller(t.app);
  org = await createOrg(t.db, 'Lista');
  slug = (await t.db.query<{ slug: string }>('SELECT slug FROM orgs WHERE id = $1', [org.orgId]))
    .rows[0]?.slug as string;
  owner = await login(t.app, org.users.owner);
  agent = await login(t.app, org.users.agent);
  viewer = await login(t.app, org.users.viewer);
  const cu = await t.db.query<{ id: string }>(
    `INSERT INTO customers (org_id, name, email, phone) VALUES ($1, 'Ana Ruiz', 'Ana@Example.test', '+34 600 000 000')
     RETURNING id`,
    [org.orgId],
  );
  customerId = cu.rows[0]?.id as string;
  const cat = await t.db.query<{ id: string }>(
    `INSERT INTO complaint_categories (org_id, tree, name) VALUES ($1, 'category', 'Cobros') RETURNING id`,
    [org.orgId],
  );
  categoryId = cat.rows[0]?.id as string;
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

describe('case page: the complaint and the customer', () => {
  it('a public complaint from a customer e-mail is suggested, not linked; the agent links it', async () => {
    const id = await publicCase('ana@example.test');
    const d = await detail(id);
    expect(d.customerId).toBeNull();
    expect(d.customer).toBeNull();
    expect(d.customerSuggestion).toEqual({
      id: customerId,
      name: 'Ana Ruiz',
      email: 'Ana@Example.test',
    });
    // a viewer reads the suggestion but cannot answer it
    expect((await detail(id, viewer)).customerSuggestion).toBeTruthy();
    const denied = await call(viewer, {
      method: 'POST',
      url: `/api/complaints/${id}/customer-match`,
      payload: { customerId, link: true },
    });
    expect(denied.statusCode).toBe(403);
    await ok(
      call(agent, {
        method: 'POST',
        url: `/api/complaints/${id}/customer-match`,
        payload: { customerId, link: true },
      }),
    );
    const after = await detail(id);
    expect(after.customerId).toBe(customerId);
    expect(after.customerSuggestion).toBeNull();
    expect(after.customer).toMatchObject({
      id: customerId,
      name: 'Ana Ruiz',
      phone: '+34 600 000 000',
    });
    const ev = (after.events as { kind: string; data: Record<string, unknown> }[]).find(
      (e) => e.kind === 'customer_linked',
    );
    expect(ev?.data.customerId).toBe(customerId);
    // answering again (the suggestion is gone) is a conflict, not a second link
    const again = await call(agent, {
      method: 'POST',
      url: `/api/complaints/${id}/customer-match`,
      payload: { customerId, link: true },
    });
    expect(again.statusCode).toBe(409);
  });

  it('a dismissed suggestion is not shown again and stays in the history', async () => {
    const id = await publicCase('ANA@example.test', 'Otra queja');
    await ok(
      call(agent, {
        method: 'POST',
        url: `/api/complaints/${id}/customer-match`,
        payload: { customerId, link: false },
      }),
    );
    const d = await detail(id);
    expect(d.customerId).toBeNull();
    expect(d.customerSuggestion).toBeNull();
    expect((d.events as { kind: string }[]).map((e) => e.kind)).toContain(
      'customer_match_dismissed',
    );
  });

  it('shows the attachments with their scan state', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const { id } = await staffCase({
      attachments: [{ filename: 'ticket.png', contentBase64: png.toString('base64') }],
    });
    const d = await detail(id);
    expect(d.attachments).toMatchObject([
      { filename: 'ticket.png', contentType: 'image/png', scanStatus: 'unscanned' },
    ]);
  });

  it('classification corrected in place: audited, SLA recomputed on severity; viewers refused', async () => {
    await ok(
      call(owner, {
        method: 'POST',
        url: '/api/complaints/sla/policies',
        payload: { name: 'Crítica', severity: 'critical', firstResponseMin: 30, resolutionMin: 60 },
      }),
      201,
    );
    const { id } = await staffCase();
    const due = async () =>
      (
        await t.db.query<{ due: Date }>(
          `SELECT due_at AS due FROM complaint_sla_targets WHERE org_id = $1 AND complaint_id = $2 AND target = 'resolution'`,
          [org.orgId, id],
        )
      ).rows[0]?.due;
    const before = await due();
    const patch = {
      severity: 'critical',
      form: 'avoidable',
      categoryId,
      serviceAttribute: 'Tiempo de espera',
      servqualDimension: 'responsiveness',
    };
    const refused = await call(viewer, {
      method: 'PATCH',
      url: `/api/complaints/${id}`,
      payload: patch,
    });
    expect(refused.statusCode).toBe(403);
    await ok(call(agent, { method: 'PATCH', url: `/api/complaints/${id}`, payload: patch }));
    const d = await detail(id);
    expect(d).toMatchObject(patch);
    const ev = (d.events as { kind: string; data: { changes?: Record<string, unknown> } }[]).find(
      (e) => e.kind === 'classified',
    );
    expect(ev?.data.changes?.severity).toEqual(['medium', 'critical']);
    const afterDue = await due();
    expect(new Date(afterDue as Date).getTime()).toBeLessThan(new Date(before as Date).getTime());
    // the list's due time is the earliest unmet target (first response here)
    const first = await t.db.query<{ due: Date }>(
      `SELECT min(due_at) AS due FROM complaint_sla_targets WHERE org_id = $1 AND complaint_id = $2 AND met_at IS NULL`,
      [org.orgId, id],
    );
    const row = (await list(`severity=critical`)).items.find((x) => x.id === id);
    expect(row?.dueAt).toBe(new Date(first.rows[0]?.due as Date).toISOString());
  });
});

describe('case list', () => {
  let late = '';
  let fresh = '';
  beforeAll(async () => {
    late = (await staffCase({ subject: 'Atrasada', severity: 'high', channel: 'counter' })).id;
    fresh = (await staffCase({ subject: 'Reciente', severity: 'low', categoryId })).id;
    // received a month ago: any SLA target is long past; a classification change recomputes
    await t.db.query(
      `UPDATE complaints SET received_at = now() - interval '30 days' WHERE org_id = $1 AND id = $2`,
      [org.orgId, late],
    );
    await ok(
      call(owner, {
        method: 'PATCH',
        url: `/api/complaints/${late}`,
        payload: { form: 'trivial' },
      }),
    );
  });

  it('"past due" lists only open cases whose SLA is past; "due today" the ones not yet late', async () => {
    const overdue = await list('due=overdue');
    expect(overdue.items.map((x) => x.id)).toEqual([late]);
    const today = await list('due=today&tz=Europe/Madrid');
    expect(today.items.map((x) => x.id)).not.toContain(late);
  });

  it('filters by severity, form, category, channel, assignee and received dates', async () => {
    expect((await list('severity=high')).items.map((x) => x.id)).toEqual([late]);
    expect((await list('form=trivial')).items.map((x) => x.id)).toEqual([late]);
    expect((await list(`categoryId=${categoryId}&severity=low`)).items.map((x) => x.id)).toEqual([
      fresh,
    ]);
    expect((await list('channel=counter')).items.map((x) => x.id)).toEqual([late]);
    expect((await list('assigneeId=none')).total).toBeGreaterThanOrEqual(2);
    const today = new Date().toISOString().slice(0, 10);
    const old = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const ids = (await list(`to=${old}`)).items.map((x) => x.id);
    expect(ids).toEqual([late]);
    expect((await list(`from=${today}`)).items.map((x) => x.id)).not.toContain(late);
    const bad = await call(owner, { method: 'GET', url: '/api/complaints?tz=Mars/Base' });
    expect(bad.statusCode).toBe(400);
  });

  it('sorts by due time and severity; names of customer and assignee come along', async () => {
    const byDue = (await list('open=true&sort=due&dir=asc')).items;
    expect(byDue[0]?.id).toBe(late);
    const dues = byDue.map((x) => x.dueAt).filter((x): x is string => x !== null);
    expect(dues).toEqual([...dues].sort());
    const bySev = (await list('sort=severity&dir=desc')).items.map((x) => x.severity);
    const rank = { low: 1, medium: 2, high: 3, critical: 4 } as Record<string, number>;
    expect(bySev.map((s) => rank[s])).toEqual([...bySev.map((s) => rank[s])].sort().reverse());
    const linked = (await list('q=Cobro')).items.find((x) => x.customerName);
    expect(linked?.customerName).toBe('Ana Ruiz');
  });

  it('an index serves "open, past due, this org"', async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<Record<string, string>>(
        `EXPLAIN SELECT id FROM complaints c WHERE c.org_id = $1
            AND c.status NOT IN ('closed', 'rejected') AND c.due_at < now() ORDER BY c.due_at, c.id`,
        [org.orgId],
      );
    });
    expect(plan.rows.map((r) => Object.values(r)[0]).join('\n')).toContain(
      'complaints_org_open_due',
    );
  });

  it('exports the filtered list as CSV and XLSX, formulas neutralised', async () => {
    await staffCase({ subject: '=HYPERLINK("http://x.test","y")', severity: 'high' });
    const csv = await call(owner, {
      method: 'GET',
      url: '/api/complaints/list.csv?severity=high&lang=en',
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('Reference,Received,Status,Severity');
    expect(lines).toHaveLength(3);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.test"",""y"")"`);
    expect(csv.body).not.toContain('Reciente');
    const x = await call(viewer, {
      method: 'GET',
      url: '/api/complaints/list.xlsx?due=overdue',
    });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(2);
    expect(ws?.getRow(1).getCell(1).value).toBe('Referencia');
    expect(ws?.getRow(2).getCell(15).value).toBe('Atrasada');
  });
});

describe('saved views', () => {
  it('are per user, replaced by name, deletable only by their owner', async () => {
    const v = await ok<{ id: string }>(
      call(viewer, {
        method: 'POST',
        url: '/api/complaints/views',
        payload: { name: 'Vencidas', query: { due: 'overdue' } },
      }),
      201,
    );
    await ok(
      call(viewer, {
        method: 'POST',
        url: '/api/complaints/views',
        payload: { name: 'Vencidas', query: { due: 'overdue', severity: 'high' } },
      }),
      201,
    );
    const mine = await ok<{ name: string; query: Record<string, string> }[]>(
      call(viewer, { method: 'GET', url: '/api/complaints/views' }),
    );
    expect(mine).toEqual([
      expect.objectContaining({ name: 'Vencidas', query: { due: 'overdue', severity: 'high' } }),
    ]);
    expect(await ok(call(owner, { method: 'GET', url: '/api/complaints/views' }))).toEqual([]);
    const stranger = await call(owner, { method: 'DELETE', url: `/api/complaints/views/${v.id}` });
    expect(stranger.statusCode).toBe(404);
    const bad = await call(viewer, {
      method: 'POST',
      url: '/api/complaints/views',
      payload: { name: 'x', query: { 'not-a-key': '1' } },
    });
    expect(bad.statusCode).toBe(400);
    await ok(call(viewer, { method: 'DELETE', url: `/api/complaints/views/${v.id}` }));
  });
});

describe('public form from the staff side', () => {
  it('link, QR (SVG) and embed code; the form tells its attachment limits', async () => {
    const f = await ok<{ url: string; qrSvg: string; embed: string }>(
      call(viewer, { method: 'GET', url: '/api/complaints/public-form' }),
    );
    expect(f.url).toMatch(new RegExp(`/complaint/${slug}$`));
    expect(f.qrSvg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(f.embed).toContain(`<iframe src="${f.url}"`);
    const pub = await ok<{ attachments: { maxFiles: number; maxBytes: number } }>(
      call(null, { method: 'GET', url: `/api/public/complaints/${slug}` }),
    );
    expect(pub.attachments).toEqual({
      maxFiles: 3,
      maxBytes: t.app.deps.config.attachmentMaxBytes,
    });
  });
});
