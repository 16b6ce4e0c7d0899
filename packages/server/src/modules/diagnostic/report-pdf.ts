// GET /api/diagnostic/report.pdf: the five-gap diagnostic printed by Chromium through the
// analytics module's printer (one at a time, timeout, temp dir removed). Numbers are those of
// GET /api/diagnostic with the same filters.
import type { TDiagnosticQuery } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { htmlToPdf } from '../analytics/service';
import { listActions } from './actions';
import { diagnose } from './evidence';
import { diagnosticHtml, type TLang } from './report-html';

export async function diagnosticPage(
  db: Sql,
  auth: AuthContext,
  q: TDiagnosticQuery & { lang: TLang },
) {
  const { lang, ...filter } = q;
  const d = await diagnose(db, auth, filter);
  const { items } = await listActions(db, auth, q.unitId ? { unitId: q.unitId } : {});
  return { html: diagnosticHtml({ lang, d, actions: items, generatedAt: new Date() }), d };
}

export async function diagnosticPdf(
  db: Sql,
  auth: AuthContext,
  q: TDiagnosticQuery & { lang: TLang },
  chromiumPath: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const { html, d } = await diagnosticPage(db, auth, q);
  const pdf = await htmlToPdf(html, chromiumPath);
  const slug =
    (d.unit?.name ?? '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || (q.lang === 'en' ? 'organisation' : 'organizacion');
  return {
    pdf,
    filename: `${q.lang === 'en' ? 'five-gap-diagnostic' : 'diagnostico-cinco-brechas'}-${slug}.pdf`,
  };
}
