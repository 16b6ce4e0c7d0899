// The PDF links carry the view's filters and choices under the JSON routes' names, and the UI
// language; empty filters are left out.
import { describe, expect, it } from 'vitest';
import type { TFilters } from './filters';
import { pdfHref } from './pdf';

const f: TFilters = {
  survey: 's-1',
  from: '2026-01-01',
  to: '2026-03-31',
  unit: 'u-1',
  channel: 'phone',
  segment: 'A',
  language: '',
};

describe('pdfHref', () => {
  it('survey reports: filters as the JSON routes name them', () => {
    expect(pdfHref.servqual(f, 'es')).toBe(
      '/api/analytics/surveys/s-1/servqual.pdf?from=2026-01-01&to=2026-03-31&unitId=u-1&channel=phone&segment=A&lang=es',
    );
    expect(pdfHref.priorities({ ...f, channel: '', segment: '' }, 'en')).toBe(
      '/api/analytics/surveys/s-1/priorities.pdf?from=2026-01-01&to=2026-03-31&unitId=u-1&lang=en',
    );
    expect(
      pdfHref.nps({ ...f, unit: '', from: '', to: '' }, 'en', {
        metric: 'csat',
        period: 'quarter',
        groupBy: 'tier',
      }),
    ).toBe(
      '/api/analytics/surveys/s-1/nps.pdf?channel=phone&segment=A&metric=csat&period=quarter&groupBy=tier&lang=en',
    );
  });
  it('overview and complaints: no survey in the path; complaints without channel', () => {
    expect(pdfHref.overview({ ...f, survey: '' }, 'es')).toBe(
      '/api/analytics/overview.pdf?from=2026-01-01&to=2026-03-31&unitId=u-1&channel=phone&segment=A&lang=es',
    );
    expect(pdfHref.complaints(f, 'en', 'week')).toBe(
      '/api/analytics/complaints.pdf?from=2026-01-01&to=2026-03-31&unitId=u-1&period=week&lang=en',
    );
  });
});
