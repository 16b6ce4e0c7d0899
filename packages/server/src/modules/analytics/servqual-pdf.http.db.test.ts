// The SERVQUAL gap report as PDF (issue 11) over HTTP: a real PDF from Debian's Chromium, the
// same numbers as the JSON routes (the page's figures are the JSON's, formatted), the same access
// and filter rules (401, 404, 400), a localised 503 when Chromium is missing, and no temporary
// files left behind. Runs on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import type { AuthContext } from '../../lib/access';
import { servqualReportPage } from './report-pdf';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

let t: Awaited<ReturnType<typeof createTestApp>>;
let org: TestOrg;
let owner: Session;
let id: string;
const units: string[] = [];
const NAME = 'Sucursal <script>alert("x")</script> & Cía';

const get = (url: string, s: Session | null = owner, lang = 'es') =>
  t.app.inject({ method: 'GET', url, headers: { ...(s?.headers ?? {}), 'accept-language': lang } });
// A temp dir of this file's own (os.tmpdir() reads TMPDIR on each call): other test files
// render PDFs at the same time, and their directories would come and go in a shared one.
const ownTmp = mkdtempSync(join(tmpdir(), 'fidelia-test-tmp-'));
process.env.TMPDIR = ownTmp;
afterAll(() => rmSync(ownTmp, { recursive: true, force: true }));
const pdfDirs = () => readdirSync(tmpdir()).filter((f) => f.startsWith('fidelia-pdf-'));

beforeAll(async () => {
  t = await createTestApp({ config: { chromiumPath: CHROMIUM } });
  org = await createOrg(t.db, 'Informe');
  owner = await login(t.app, org.users.owner);
  for (const name of ['Oficina Norte', 'Oficina Sur']) {
    const u = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: owner.headers,
      payload: { parentId: org.companyUnitId, name, kind: 'branch' },
    });
    expect(u.statusCode, u.body).toBe(201);
    units.push(u.json().id);
  }
  const c = await t.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: owner.headers,
    payload: { name: NAME, template: 'servqual' },
  });
  expect(c.statusCode, c.body).toBe(201);
  id = c.json().id;
  const p = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/publish`,
    headers: owner.headers,
  });
  expect(p.statusCode, p.body).toBe(200);
  // 12 respondents, deterministic answers: the north office rates perceptions lower.
  const items = Array.from({ length: 12 }, (_, i) => ({
    id: randomUUID(),
    channel: i % 2 ? 'phone' : 'postal',
    orgUnitId: units[i % 2],
    respondedAt: new Date(Date.UTC(2026, 0, 5 + i, 10)).toISOString(),
    answers: {
      sq_e: Object.fromEntries(
        Array.from({ length: 22 }, (_, k) => [`e${k + 1}`, 5 + ((i + k) % 3)]),
      ),
      sq_p: Object.fromEntries(
        Array.from({ length: 22 }, (_, k) => [`p${k + 1}`, 1 + ((i * 3 + k) % 5) + (i % 2)]),
      ),
      weights: { tangibles: 10, reliability: 30, responsiveness: 20, assurance: 20, empathy: 20 },
    },
  }));
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/surveys/${id}/entries/batch`,
    headers: owner.headers,
    payload: { items },
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().rejected, r.body).toBe(0);
});
afterAll(async () => {
  await t.app.close();
  await t.db.close();
});

const auth = (): AuthContext => ({
  orgId: org.orgId,
  userId: org.users.owner.id,
  role: 'owner',
  unitId: null,
  email: org.users.owner.email,
  via: 'session',
  scopes: [],
});

describe('GET /api/analytics/surveys/:id/servqual.pdf', () => {
  it.skipIf(!hasChromium)(
    'answers a PDF (magic bytes, type, file name), temp files removed',
    async () => {
      const before = pdfDirs();
      const r = await get(`/api/analytics/surveys/${id}/servqual.pdf?lang=es`);
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(r.headers['content-disposition']).toMatch(
        /^attachment; filename="informe-servqual-[a-z0-9-]+\.pdf"$/,
      );
      expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(r.rawPayload.length).toBeGreaterThan(10_000);
      expect(pdfDirs()).toEqual(before);
    },
  );

  it.skipIf(!hasChromium)(
    'serves parallel requests one Chromium at a time, all complete',
    async () => {
      const rs = await Promise.all(
        ['es', 'en', 'es'].map((l) => get(`/api/analytics/surveys/${id}/servqual.pdf?lang=${l}`)),
      );
      for (const r of rs) {
        expect(r.statusCode).toBe(200);
        expect(r.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
      }
      expect(rs[1]?.headers['content-disposition']).toContain('servqual-report-');
    },
  );

  it('the page carries the JSON routes’ numbers in the chosen locale, the name escaped', async () => {
    const json = (await get(`/api/analytics/surveys/${id}/servqual?channel=phone`)).json();
    const league = (await get(`/api/analytics/surveys/${id}/league`)).json();
    expect(json.n).toBe(6);
    expect(league.units).toHaveLength(2);
    const es = await servqualReportPage(t.db, auth(), id, { lang: 'es', channel: 'phone' });
    const en = await servqualReportPage(t.db, auth(), id, { lang: 'en', channel: 'phone' });
    const two = (v: number, l: string) =>
      new Intl.NumberFormat(l, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
    expect(es.html).toContain(two(json.overall.gap, 'es'));
    expect(en.html).toContain(two(json.overall.gap, 'en'));
    for (const d of json.dimensions) expect(es.html).toContain(two(d.gap, 'es'));
    // Spanish: decimal comma (the overall gap is not an integer with these answers).
    expect(two(json.overall.gap, 'es')).toMatch(/^−?-?\d+,\d{2}$/);
    expect(es.html).toContain('Teléfono');
    expect(en.html).toContain('Phone');
    expect(es.html).not.toContain('<script>');
    expect(es.html).toContain(
      'Sucursal &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cía',
    );
    // The league (unfiltered page): both offices with their JSON gaps.
    const all = await servqualReportPage(t.db, auth(), id, { lang: 'es' });
    for (const u of league.units) {
      expect(all.html).toContain(u.unitName);
      expect(all.html).toContain(two(u.gap, 'es'));
    }
  });

  it('404 for an unknown survey (uuid or not)', async () => {
    expect((await get(`/api/analytics/surveys/${randomUUID()}/servqual.pdf`)).statusCode).toBe(404);
    expect((await get('/api/analytics/surveys/nope/servqual.pdf')).statusCode).toBe(404);
  });

  it('400 for bad parameters, localised', async () => {
    for (const q of ['lang=fr', 'from=2026-02-30', 'from=2026-02-01&to=2026-01-01', 'x=1']) {
      const r = await get(`/api/analytics/surveys/${id}/servqual.pdf?${q}`, owner, 'en');
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.message, q).toMatch(/^[A-Z]/);
    }
    const es = await get(`/api/analytics/surveys/${id}/servqual.pdf?from=2026-02-01&to=2026-01-01`);
    expect(es.json().error.message).toBe('La fecha inicial es posterior a la final.');
  });

  it('401 without a session; 404 for a unit outside the scope', async () => {
    expect((await get(`/api/analytics/surveys/${id}/servqual.pdf`, null)).statusCode).toBe(401);
    const r = await get(`/api/analytics/surveys/${id}/servqual.pdf?unitId=${randomUUID()}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('ANALYTICS_UNIT_NOT_FOUND');
  });

  it('a viewer may read it too (same access as the JSON route)', async () => {
    const viewer = await login(t.app, org.users.viewer);
    const r = await get(`/api/analytics/surveys/${randomUUID()}/servqual.pdf`, viewer);
    expect(r.statusCode).toBe(404);
  });
});

describe('without Chromium', () => {
  let t2: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t2 = await createTestApp({ db: t.db, config: { chromiumPath: '/nonexistent/chromium' } });
  });
  afterAll(async () => {
    await t2.app.close();
  });

  it('503 with a clear message in the caller’s language', async () => {
    const s = await login(t2.app, org.users.owner);
    for (const [lang, text] of [
      ['es', /no tiene Chromium instalado/],
      ['en', /Chromium is not installed/],
    ] as const) {
      const r = await t2.app.inject({
        method: 'GET',
        url: `/api/analytics/surveys/${id}/servqual.pdf?lang=${lang}`,
        headers: { ...s.headers, 'accept-language': lang },
      });
      expect(r.statusCode).toBe(503);
      expect(r.json().error.code).toBe('ANALYTICS_PDF_UNAVAILABLE');
      expect(r.json().error.message).toMatch(text);
    }
    // Bad input still answers its own error first.
    const r = await t2.app.inject({
      method: 'GET',
      url: `/api/analytics/surveys/${randomUUID()}/servqual.pdf`,
      headers: s.headers,
    });
    expect(r.statusCode).toBe(404);
  });
});
