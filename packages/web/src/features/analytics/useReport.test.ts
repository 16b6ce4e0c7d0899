import type { TSurveySummary } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { defaultSurvey } from './useReport';

const s = (id: string, template: string | null, complete: number) =>
  ({ id, template, responses: { complete, partial: 0 } }) as TSurveySummary;

describe('the survey a report opens with', () => {
  it('prefers an answered survey of the report’s template, then any of that template', () => {
    const items = [s('a', 'servqual', 0), s('b', 'nps_relational', 9), s('c', 'servqual', 4)];
    expect(defaultSurvey(items, 'servqual')).toBe('c');
    expect(defaultSurvey([s('a', 'servqual', 0), s('b', 'nps_relational', 9)], 'servqual')).toBe(
      'a',
    );
  });

  it('falls back to any answered survey, then the first, then none', () => {
    expect(defaultSurvey([s('a', null, 0), s('b', null, 3)], 'kano')).toBe('b');
    expect(defaultSurvey([s('a', null, 0)], 'kano')).toBe('a');
    expect(defaultSurvey([], 'kano')).toBe('');
  });
});
