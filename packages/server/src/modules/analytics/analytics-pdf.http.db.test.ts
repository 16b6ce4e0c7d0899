// The dashboard PDFs beyond SERVQUAL (issue 11) over HTTP on the demo data: overview.pdf,
// nps.pdf, priorities.pdf and complaints.pdf answer real PDFs from Chromium; each page carries
// its JSON routes' numbers (same filters) in the chosen locale; bad input answers the JSON
// routes' errors (400, 404, 401) before Chromium is looked for; without Chromium a localised
// 503. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import type { AuthContext } from '../../lib/access';
import {
  complaintsReportPage,
  npsReportPage,
  overviewReportPage,
  prioritiesReportPage,
} from './report-pdf';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: Session;
let orgId: string;
let auth: AuthContext;
let demoLogin: { email: string; password: string };
const ids = { nps: '', servqual: '', kano: '', csat: '' };

const get = (url: string, s: Session | null = owner, lang = 'es') =>
  t.app.inject({ method: 'GET', url, headers: { ...(s?.headers ?? {}), 'accept-language': lang } });
const json = async <T = Record<string, unknown>>(url: string): Promise<T> => {
  const r = await get(url);
  expect(r.statusCode, `${url} ${r.body.slice(0, 200)}`).toBe(200);
  return r.json() as T;
};
const nf = (lang: string, o: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, o);
const one = (v: number, l: string) => nf(l, { maximumFractionDigits: 1 }).format(v);
const two = (v: number, l: string) =>
  nf(l, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
const pct = (v: number, l: string, d = 1) =>
  nf(l, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }).format(v);

beforeAll(async () => {
  t = await createTestApp({ config: { chromiumPath: CHROMIUM } });
  const demo = await seedDemo(t.db);
  demoLogin = demo;
  orgId = demo.orgId;
  owner = await login(t.app, demo);
  const me = (await get('/api/auth/session')).json();
  auth = {
    orgId,
    userId: me.user.id,
    role: me.user.role,
    unitId: me.user.unitId ?? null,
    email: demo.email,
    via: 'session',
    scopes: [],
  };
  const list = await json<{ items: { id: string; template: string | null }[] }>('/api/surveys');
  for (const k of Object.keys(ids) as (keyof typeof ids)[]) {
    const tpl = {
      nps: 'nps_relational',
      servqual: 'servqual',
      kano: 'kano',
      csat: 'csat_transactional',
    }[k];
    ids[k] = list.items.find((s) => s.template === tpl)?.id as string;
    expect(ids[k], k).toBeTruthy();
  }
}, 240_000);
afterAll(async () => {
  await t?.app.close();
  await t?.db.close();
});

describe('the pages carry the JSON routes’ numbers', () => {
  it('overview.pdf: headline figures and counts as /overview answers them', async () => {
    const o = await json<{
      responses: number;
      nps: { value: number };
      csat: { value: number };
      complaintsPastDue: number;
    }>('/api/analytics/overview');
    const es = await overviewReportPage(t.db, auth, { lang: 'es' });
    const en = await overviewReportPage(t.db, auth, { lang: 'en' });
    expect(es.html).toContain(`>${one(o.nps.value, 'es')}<`);
    expect(en.html).toContain(`>${one(o.nps.value, 'en')}<`);
    expect(es.html).toContain(`>${pct(o.csat.value, 'es')}<`);
    expect(es.html).toContain(`Respuestas por canal (${o.responses})`);
    expect(es.html).toContain(`>${o.complaintsPastDue}<`);
    expect(es.filename).toMatch(/^resumen-cx-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(es.html).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/); // no internal ids
  });

  it('nps.pdf: the NPS, each unit’s and the trend’s as /nps and /trends answer them', async () => {
    const n = await json<{ nps: number; groups: { group: string; nps: number | null }[] }>(
      `/api/analytics/surveys/${ids.nps}/nps?groupBy=unit`,
    );
    const tr = await json<{ periods: { value: number | null }[] }>(
      `/api/analytics/surveys/${ids.nps}/trends?metric=nps&period=quarter`,
    );
    const es = await npsReportPage(t.db, auth, ids.nps, {
      lang: 'es',
      metric: 'nps',
      period: 'quarter',
      groupBy: 'unit',
    });
    expect(es.html).toContain(`>${one(n.nps, 'es')}<`);
    expect(n.groups.length).toBeGreaterThan(1);
    for (const g of n.groups) {
      expect(es.html).toContain(g.group);
      if (g.nps !== null) expect(es.html).toContain(one(g.nps, 'es'));
    }
    expect(tr.periods.length).toBeGreaterThan(1);
    for (const p of tr.periods) if (p.value !== null) expect(es.html).toContain(one(p.value, 'es'));
    expect(es.html).toContain('Desglose por canal');
    expect(es.filename).toBe('informe-nps-horizonte-nps.pdf');
    // CSAT of the CSAT survey, in English
    const c = await json<{ csat: number }>(`/api/analytics/surveys/${ids.csat}/csat`);
    const en = await npsReportPage(t.db, auth, ids.csat, {
      lang: 'en',
      metric: 'csat',
      period: 'month',
      groupBy: 'channel',
    });
    expect(en.html).toContain(`>${pct(c.csat, 'en')}<`);
    expect(en.html).toContain('CSAT report');
  });

  it('priorities.pdf: IPA and drivers of the SERVQUAL survey, Kano of the Kano survey', async () => {
    const ipa = await json<{ attributes: { importance: number; performance: number }[] }>(
      `/api/analytics/surveys/${ids.servqual}/ipa`,
    );
    const sq = await prioritiesReportPage(t.db, auth, ids.servqual, { lang: 'es' });
    expect(ipa.attributes.length).toBe(5);
    for (const a of ipa.attributes) {
      expect(sq.html).toContain(`>${two(a.performance, 'es')}<`);
      expect(sq.html).toContain(
        `>${nf('es', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(a.importance)}<`,
      );
    }
    const kano = await json<{
      attributes: { n: number; better: number | null; worse: number | null }[];
    }>(`/api/analytics/surveys/${ids.kano}/kano`);
    const k = await prioritiesReportPage(t.db, auth, ids.kano, { lang: 'en' });
    expect(kano.attributes.some((a) => a.n > 0)).toBe(true);
    for (const a of kano.attributes) {
      if (a.better !== null) expect(k.html).toContain(`>${two(a.better, 'en')}<`);
      if (a.worse !== null) expect(k.html).toContain(`>${two(a.worse, 'en')}<`);
    }
    expect(k.html).toContain('Kano: service attributes');
    expect(k.html).not.toContain('Importance–performance grid');
  });

  it('complaints.pdf: totals and SLA compliance as /complaints answers them', async () => {
    const c = await json<{
      total: number;
      open: number;
      sla: { total: number; compliance: number | null }[];
    }>('/api/analytics/complaints?period=week');
    expect(c.total).toBeGreaterThan(0);
    const es = await complaintsReportPage(t.db, auth, { lang: 'es', period: 'week' });
    expect(es.html).toContain(`>${c.total}<`);
    expect(es.html).toContain(`${c.open} siguen abiertas`);
    for (const s of c.sla)
      if (s.total > 0 && s.compliance !== null)
        expect(es.html).toContain(pct(s.compliance, 'es', 0));
    expect(es.html).toContain('Volumen por semana');
  });
});

describe('HTTP', () => {
  const routes = () => [
    '/api/analytics/overview.pdf',
    `/api/analytics/surveys/${ids.nps}/nps.pdf`,
    `/api/analytics/surveys/${ids.servqual}/priorities.pdf`,
    '/api/analytics/complaints.pdf',
  ];

  it.skipIf(!hasChromium)(
    'each answers a PDF with its file name',
    async () => {
      const names = [
        /^attachment; filename="cx-overview-[\d-]+\.pdf"$/,
        /^attachment; filename="nps-report-horizonte-nps\.pdf"$/,
        /^attachment; filename="priorities-report-horizonte-servqual\.pdf"$/,
        /^attachment; filename="complaints-report\.pdf"$/,
      ];
      for (const [i, url] of routes().entries()) {
        const r = await get(`${url}?lang=en`);
        expect(r.statusCode, `${url} ${r.body.slice(0, 200)}`).toBe(200);
        expect(r.headers['content-type']).toBe('application/pdf');
        expect(r.headers['content-disposition']).toMatch(names[i] as RegExp);
        expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    },
    120_000,
  );

  it('400 for bad parameters (localised), 404 for unknown surveys and units, 401 signed out', async () => {
    for (const url of routes()) {
      for (const q of ['lang=fr', 'from=2026-02-30', 'from=2026-02-01&to=2026-01-01', 'x=1']) {
        const r = await get(`${url}?${q}`, owner, 'en');
        expect(r.statusCode, `${url}?${q}`).toBe(400);
        expect(r.json().error.message).toMatch(/^[A-Z]/);
      }
      const u = await get(`${url}?unitId=${randomUUID()}`);
      expect(u.statusCode, url).toBe(404);
      expect(u.json().error.code).toBe('ANALYTICS_UNIT_NOT_FOUND');
      expect((await get(url, null)).statusCode).toBe(401);
    }
    const es = await get('/api/analytics/complaints.pdf?from=2026-02-01&to=2026-01-01');
    expect(es.json().error.message).toBe('La fecha inicial es posterior a la final.');
    for (const r of ['nps.pdf', 'priorities.pdf']) {
      expect((await get(`/api/analytics/surveys/${randomUUID()}/${r}`)).statusCode).toBe(404);
      expect((await get(`/api/analytics/surveys/nope/${r}`)).statusCode).toBe(404);
    }
    expect((await get(`/api/analytics/overview.pdf?surveyId=${randomUUID()}`)).statusCode).toBe(
      404,
    );
    expect((await get(`/api/analytics/surveys/${ids.nps}/nps.pdf?groupBy=colour`)).statusCode).toBe(
      400,
    );
    expect((await get(`/api/analytics/complaints.pdf?period=quarter`)).statusCode).toBe(400);
  });
});

describe('without Chromium', () => {
  let t2: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t2 = await createTestApp({ db: t.db, config: { chromiumPath: '/nonexistent/chromium' } });
  });
  afterAll(async () => {
    await t2?.app.close();
  });

  it('503 with a clear message in the caller’s language, for every new report', async () => {
    const { headers } = await login(t2.app, demoLogin);
    for (const url of [
      '/api/analytics/overview.pdf',
      `/api/analytics/surveys/${ids.nps}/nps.pdf`,
      `/api/analytics/surveys/${ids.kano}/priorities.pdf`,
      '/api/analytics/complaints.pdf',
    ])
      for (const [lang, text] of [
        ['es', /no tiene Chromium instalado/],
        ['en', /Chromium is not installed/],
      ] as const) {
        const r = await t2.app.inject({
          method: 'GET',
          url: `${url}?lang=${lang}`,
          headers: { ...headers, 'accept-language': lang },
        });
        expect(r.statusCode, url).toBe(503);
        expect(r.json().error.code).toBe('ANALYTICS_PDF_UNAVAILABLE');
        expect(r.json().error.message).toMatch(text);
      }
  });
});
