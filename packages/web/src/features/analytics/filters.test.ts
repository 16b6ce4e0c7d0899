import { describe, expect, it } from 'vitest';
import { filtersToSearch, lastDays, parseFilters, previousPeriod } from './filters';

const ID = '6e5e275d-c143-448d-8758-838d6576bcf5';

describe('report filters in the URL', () => {
  it('round-trips every filter', () => {
    const f = {
      survey: ID,
      from: '2026-01-01',
      to: '2026-03-31',
      unit: ID,
      channel: 'postal',
      segment: 'A',
      language: 'en',
    };
    expect(parseFilters(new URLSearchParams(filtersToSearch(f).slice(1)))).toEqual(f);
  });

  it('drops what does not parse instead of sending it', () => {
    const p = new URLSearchParams(
      'survey=x;drop&from=2026-02-30&to=yesterday&unit=1&channel=pigeon&segment=Z&lang=fr',
    );
    expect(parseFilters(p)).toEqual({
      survey: '',
      from: '',
      to: '',
      unit: '',
      channel: '',
      segment: '',
      language: '',
    });
  });

  it('swaps a reversed range', () => {
    const f = parseFilters(new URLSearchParams('from=2026-05-01&to=2026-04-01'));
    expect([f.from, f.to]).toEqual(['2026-04-01', '2026-05-01']);
  });

  it('leaves empty values out of the link', () => {
    expect(filtersToSearch({ survey: '', from: '2026-01-01', channel: '' })).toBe(
      '?from=2026-01-01',
    );
    expect(filtersToSearch({})).toBe('');
  });

  it('last 30 days end today and include it', () => {
    expect(lastDays(30, '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('previous period has the same number of days and ends the day before', () => {
    // 1–31 March is 31 days; the 31 days before end on 28 Feb 2026 and start on 29 Jan.
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({
      from: '2026-01-29',
      to: '2026-02-28',
    });
    expect(previousPeriod('2026-03-29', '2026-03-29')).toEqual({
      from: '2026-03-28',
      to: '2026-03-28',
    });
  });
});
