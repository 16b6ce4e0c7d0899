import { describe, expect, it } from 'vitest';
import { drillLink, parseDrill } from './drill';
import { parseFilters } from './filters';

const ID = '6e5e275d-c143-448d-8758-838d6576bcf5';
const F = {
  survey: ID,
  from: '2026-01-01',
  to: '2026-03-31',
  unit: ID,
  channel: 'postal',
  segment: 'A',
  language: 'en',
};
const params = (link: string) => new URLSearchParams(link.split('?')[1]);

describe('drill-down links', () => {
  it('keep every filter and the selection', () => {
    const link = drillLink(F, { metric: 'servqual', item: 3, report: 'servqual' });
    expect(link.startsWith('/analytics/responses?')).toBe(true);
    expect(parseFilters(params(link))).toEqual(F);
    expect(parseDrill(params(link))).toEqual({ metric: 'servqual', item: 3, report: 'servqual' });
    const t = drillLink(F, { metric: 'nps', periodKind: 'quarter', periodKey: '2026-Q1' });
    expect(parseDrill(params(t))).toEqual({
      metric: 'nps',
      periodKind: 'quarter',
      periodKey: '2026-Q1',
    });
    const u = drillLink(F, { metric: 'nps', bucket: 'detractor', atUnit: ID });
    expect(parseDrill(params(u))).toEqual({ metric: 'nps', bucket: 'detractor', atUnit: ID });
  });

  it('drop what does not fit the metric or does not parse', () => {
    const p = new URLSearchParams(
      'metric=nps&item=3&bucket=satisfied&atUnit=x&periodKind=month&periodKey=2026-13-99x&question=a b',
    );
    expect(parseDrill(p)).toEqual({ metric: 'nps' });
    expect(parseDrill(new URLSearchParams('metric=servqual&item=40&dimension=empathy'))).toEqual({
      metric: 'servqual',
      dimension: 'empathy',
    });
    expect(parseDrill(new URLSearchParams('metric=zzz'))).toEqual({ metric: 'servqual' });
    expect(parseDrill(new URLSearchParams('metric=csat&bucket=neutral'))).toEqual({
      metric: 'csat',
      bucket: 'neutral',
    });
  });
});
